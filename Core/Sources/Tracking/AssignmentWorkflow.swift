import Deadlines
import Foundation

/// The rules of a task's workflow. The store enforces them: it loads an `AssignmentSnapshot`,
/// calls `apply`, and saves the new snapshot and appends the event only if the stored version is
/// still the one the change was made from (else the caller sees `versionConflict`).
///
/// ```
/// assigned ──start, progress──▶ in progress ──report done──▶ reported done ──confirm──▶ done
/// assigned ──report done──▶ reported done ──return (reason)──▶ in progress
/// assigned, in progress, reported done ──stop (reason)──▶ stopped
/// done, stopped ──reopen (reason)──▶ in progress
/// ```
///
/// Who may do what (L leadership, S secretariat, H unit head, O officer; "of lead" means one of
/// the user's units leads the task, "of support" that one supports it):
///
/// | action              | states                                | who                            | then            |
/// |---------------------|---------------------------------------|--------------------------------|-----------------|
/// | start               | assigned                              | S; H, O of lead                | in progress     |
/// | report progress     | assigned, in progress                 | S; H, O of lead or support     | in progress     |
/// | report done         | assigned, in progress                 | S; H, O of lead                | reported done   |
/// | confirm done        | reported done (no pending extension)  | S                              | done            |
/// | return for rework   | reported done                         | S                              | in progress     |
/// | stop                | assigned, in progress, reported done  | L, S                           | stopped         |
/// | reopen              | done, stopped                         | L, S                           | in progress     |
/// | request extension   | assigned, in progress (none pending)  | H of lead                      | unchanged       |
/// | approve extension   | assigned, in progress, reported done  | L                              | unchanged       |
/// | deny extension      | assigned, in progress, reported done  | L                              | unchanged       |
/// | comment             | every state                           | L, S; H, O of lead or support  | unchanged       |
///
/// Checks run in this order, the first failing one thrown: the version; the state (nobody may
/// take the action in it: `notAllowed`); the role and unit (`forbidden`); a pending extension
/// (`extensionAlreadyPending`, `noPendingExtension`); then the payload (`reasonRequired`,
/// `invalidDate`).
public enum AssignmentWorkflow {
    /// A change the store saves: the next snapshot (version raised by one) and the event to append.
    public struct Transition: Sendable, Hashable {
        public let snapshot: AssignmentSnapshot
        public let event: AssignmentEvent
    }

    /// Applies `action` by `participant` to the task in `snapshot`, read at `expectedVersion`,
    /// on `today` (Asia/Ho_Chi_Minh).
    public static func apply(
        _ action: AssignmentAction, to snapshot: AssignmentSnapshot, by participant: Participant,
        expectedVersion: Int, on today: CalendarDate
    ) throws(WorkflowError) -> Transition {
        guard expectedVersion == snapshot.version else {
            throw .versionConflict(expected: expectedVersion, actual: snapshot.version)
        }
        try check(action.kind, on: snapshot, by: participant)

        var next = snapshot
        next.version = snapshot.version + 1
        let kind: AssignmentEvent.Kind
        switch action {
        case .start:
            next.state = .inProgress
            kind = .started
        case .reportProgress(let note):
            next.state = .inProgress
            kind = .progress(note: try required(note, for: .reportProgress))
        case .reportDone(let day, let note):
            guard day <= today else { throw .invalidDate(.inFuture(day, today: today)) }
            if let assigned = snapshot.assignedOn, day < assigned {
                throw .invalidDate(.beforeAssignment(day, assignedOn: assigned))
            }
            next.state = .reportedDone
            next.reportedDoneOn = day
            kind = .reportedDone(on: day, note: clean(note))
        case .confirmDone:
            // A reported state always has the date; a snapshot loaded without one is confirmed
            // as of today rather than refused.
            let day = snapshot.reportedDoneOn ?? today
            next.state = .done
            next.completedOn = day
            kind = .confirmed(completedOn: day)
        case .returnForRework(let reason):
            let reason = try required(reason, for: .returnForRework)
            next.state = .inProgress
            next.reportedDoneOn = nil
            kind = .returned(reason: reason)
        case .stop(let reason):
            let reason = try required(reason, for: .stop)
            next.state = .stopped
            // Stopping ends the task, and with it any request awaiting a decision.
            next.pendingExtension = nil
            kind = .stopped(reason: reason)
        case .reopen(let reason):
            let reason = try required(reason, for: .reopen)
            next.state = .inProgress
            next.reportedDoneOn = nil
            next.completedOn = nil
            kind = .reopened(reason: reason)
        case .requestExtension(let to, let reason):
            let reason = try required(reason, for: .requestExtension)
            try checkNewDeadline(to, of: snapshot)
            guard to >= today else { throw .invalidDate(.beforeToday(to, today: today)) }
            next.pendingExtension = ExtensionRequest(
                to: to, reason: reason, requestedOn: today, unitID: unit(of: participant, on: snapshot))
            kind = .extensionRequested(to: to, reason: reason)
        case .approveExtension(let to):
            let from = try checkNewDeadline(to, of: snapshot)
            // `check` guarantees a pending request.
            let requested = snapshot.pendingExtension?.to ?? to
            next.extensions.append(to)
            next.pendingExtension = nil
            kind = .extensionApproved(from: from, requested: requested, to: to)
        case .denyExtension(let reason):
            let reason = try required(reason, for: .denyExtension)
            let requested = snapshot.pendingExtension?.to ?? today
            next.pendingExtension = nil
            kind = .extensionDenied(requested: requested, reason: reason)
        case .comment(let text):
            kind = .comment(text: try required(text, for: .comment))
        }
        let event = AssignmentEvent(
            kind: kind, from: snapshot.state, to: next.state, role: participant.role,
            unitID: unit(of: participant, on: snapshot), userID: participant.userID, on: today,
            version: next.version)
        return Transition(snapshot: next, event: event)
    }

    /// The kinds of action `participant` may take on the task now, in `Kind.allCases` order:
    /// the buttons a page offers. (The payload is checked only when the action is applied.)
    public static func permittedActions(
        on snapshot: AssignmentSnapshot, by participant: Participant
    ) -> [AssignmentAction.Kind] {
        AssignmentAction.Kind.allCases.filter { kind in
            do throws(WorkflowError) {
                try check(kind, on: snapshot, by: participant)
                return true
            } catch {
                return false
            }
        }
    }

    /// Whether anybody may take `kind` in `state`.
    static func stateAllows(_ kind: AssignmentAction.Kind, in state: AssignmentState) -> Bool {
        switch kind {
        case .start: state == .assigned
        case .reportProgress, .reportDone, .requestExtension: state == .assigned || state == .inProgress
        case .confirmDone, .returnForRework: state == .reportedDone
        case .stop, .approveExtension, .denyExtension: !state.isClosed
        case .reopen: state.isClosed
        case .comment: true
        }
    }

    /// Whether a user of `role`, whose units stand to the task as `relation`, may take `kind`.
    static func roleAllows(_ kind: AssignmentAction.Kind, role: Role, relation: UnitRelation) -> Bool {
        // The secretariat enters progress and completion on a unit's behalf: it collects the
        // units' reports, often on paper, and may itself be the lead unit.
        let unitMember = role == .unitHead || role == .officer
        switch kind {
        case .start, .reportDone:
            return role == .secretariat || (unitMember && relation == .lead)
        case .reportProgress, .comment:
            let managing = role == .secretariat || (kind == .comment && role == .leadership)
            return managing || (unitMember && relation != .unrelated)
        case .confirmDone, .returnForRework:
            return role == .secretariat
        case .stop, .reopen:
            return role == .secretariat || role == .leadership
        case .requestExtension:
            return role == .unitHead && relation == .lead
        case .approveExtension, .denyExtension:
            return role == .leadership
        }
    }

    /// Everything but the version and the payload: state, role and unit, pending extension.
    static func check(
        _ kind: AssignmentAction.Kind, on snapshot: AssignmentSnapshot, by participant: Participant
    ) throws(WorkflowError) {
        guard stateAllows(kind, in: snapshot.state) else { throw .notAllowed(kind, in: snapshot.state) }
        let relation = snapshot.relation(of: participant)
        guard roleAllows(kind, role: participant.role, relation: relation) else {
            throw .forbidden(kind, role: participant.role, relation: relation)
        }
        switch kind {
        case .requestExtension, .confirmDone:
            // Leadership decides a request before completion is confirmed: the decision can
            // turn a late completion into one on time.
            if let pending = snapshot.pendingExtension { throw .extensionAlreadyPending(pending.to) }
        case .approveExtension, .denyExtension:
            guard snapshot.pendingExtension != nil else { throw .noPendingExtension }
        default:
            break
        }
    }

    /// `date` as a new deadline: after the one in force, which it returns.
    @discardableResult
    static func checkNewDeadline(_ date: CalendarDate, of snapshot: AssignmentSnapshot) throws(WorkflowError)
        -> CalendarDate
    {
        guard let deadline = snapshot.deadline else { throw .invalidDate(.noDeadline) }
        guard date > deadline else { throw .invalidDate(.notAfterDeadline(date, deadline: deadline)) }
        return deadline
    }

    /// `text` trimmed and in NFC, or `reasonRequired` when nothing is left.
    static func required(_ text: String, for kind: AssignmentAction.Kind) throws(WorkflowError) -> String {
        let cleaned = clean(text)
        guard !cleaned.isEmpty else { throw .reasonRequired(kind) }
        return cleaned
    }

    /// Text as stored: trimmed and in NFC (the web edge normalises too; this keeps imports and
    /// the CLI honest).
    static func clean(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
    }

    /// The unit `participant` acts for: one of theirs that leads the task, else one that
    /// supports it, else their own (the smallest id, so the choice is stable).
    static func unit(of participant: Participant, on snapshot: AssignmentSnapshot) -> String? {
        participant.unitIDs.intersection(snapshot.leadUnitIDs).min()
            ?? participant.unitIDs.intersection(snapshot.supportUnitIDs).min()
            ?? participant.unitIDs.min()
    }
}
