import Deadlines
import Foundation
import Testing

@testable import Tracking

/// The workflow rules as a table, then the paths through it that the table cannot show:
/// extensions, conflicts, payload checks, the history.
@Suite struct AssignmentWorkflowTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    // A task of Phòng Quản lý khoa học (lead) with Phòng Kế hoạch - Tài chính (support),
    // assigned on 3/3/2025 and due 31/3/2025; today is 20/3/2025.
    static let lead = "qlkh"
    static let support = "khtc"
    static let today = day("2025-03-20")

    static func snapshot(_ state: AssignmentState, pending: Bool = false, version: Int = 7)
        -> AssignmentSnapshot
    {
        AssignmentSnapshot(
            state: state, version: version, leadUnitIDs: [lead], supportUnitIDs: [support],
            assignedOn: day("2025-03-03"), originalDue: day("2025-03-31"),
            pendingExtension: pending
                ? ExtensionRequest(
                    to: day("2025-04-30"), reason: "Chờ ý kiến Sở Tài chính", requestedOn: day("2025-03-18"),
                    unitID: lead)
                : nil,
            reportedDoneOn: state == .reportedDone || state == .done ? day("2025-03-19") : nil,
            completedOn: state == .done ? day("2025-03-19") : nil)
    }

    /// The users of the table, by a letter: leadership and secretariat (in units of their own),
    /// then a head and an officer of the lead unit, of the support unit, and of an unrelated unit.
    static let participants: [(code: Character, who: Participant)] = [
        ("L", Participant(role: .leadership, unitIDs: ["bgd"])),
        ("S", Participant(role: .secretariat, unitIDs: ["vp"])),
        ("H", Participant(role: .unitHead, unitIDs: [lead])),
        ("O", Participant(role: .officer, unitIDs: [lead])),
        ("h", Participant(role: .unitHead, unitIDs: [support])),
        ("o", Participant(role: .officer, unitIDs: [support])),
        ("x", Participant(role: .unitHead, unitIDs: ["ttcntt"])),
        ("y", Participant(role: .officer, unitIDs: ["ttcntt"])),
    ]

    /// One valid action of each kind (dates and texts that pass every payload check).
    static func action(_ kind: AssignmentAction.Kind) -> AssignmentAction {
        switch kind {
        case .start: .start
        case .reportProgress: .reportProgress(note: "Đã hoàn thành dự thảo, đang lấy ý kiến các phòng")
        case .reportDone: .reportDone(on: day("2025-03-19"), note: "Văn bản số 245/SKHCN-QLKH ngày 19/3/2025")
        case .confirmDone: .confirmDone
        case .returnForRework: .returnForRework(reason: "Thiếu phụ lục số liệu")
        case .stop: .stop(reason: "UBND tỉnh đã điều chỉnh chủ trương")
        case .reopen: .reopen(reason: "Xác nhận nhầm nhiệm vụ")
        case .requestExtension: .requestExtension(to: day("2025-04-30"), reason: "Chờ ý kiến Sở Tài chính")
        case .approveExtension: .approveExtension(to: day("2025-04-30"))
        case .denyExtension: .denyExtension(reason: "Nhiệm vụ cấp bách, không gia hạn")
        case .comment: .comment(text: "Đề nghị đẩy nhanh tiến độ")
        }
    }

    /// For each action, per state (assigned, in progress, reported done, done, stopped): who may
    /// take it and the state after, or nil when nobody may take it in that state. Written out by
    /// hand from the issue's rules, not computed.
    static let expected: [AssignmentAction.Kind: [(who: String, then: AssignmentState)?]] = [
        .start: [("SHO", .inProgress), nil, nil, nil, nil],
        .reportProgress: [("SHOho", .inProgress), ("SHOho", .inProgress), nil, nil, nil],
        .reportDone: [("SHO", .reportedDone), ("SHO", .reportedDone), nil, nil, nil],
        .confirmDone: [nil, nil, ("S", .done), nil, nil],
        .returnForRework: [nil, nil, ("S", .inProgress), nil, nil],
        .stop: [("LS", .stopped), ("LS", .stopped), ("LS", .stopped), nil, nil],
        .reopen: [nil, nil, nil, ("LS", .inProgress), ("LS", .inProgress)],
        .requestExtension: [("H", .assigned), ("H", .inProgress), nil, nil, nil],
        .approveExtension: [("L", .assigned), ("L", .inProgress), ("L", .reportedDone), nil, nil],
        .denyExtension: [("L", .assigned), ("L", .inProgress), ("L", .reportedDone), nil, nil],
        .comment: [
            ("LSHOho", .assigned), ("LSHOho", .inProgress), ("LSHOho", .reportedDone), ("LSHOho", .done),
            ("LSHOho", .stopped),
        ],
    ]

    static let states: [AssignmentState] = [.assigned, .inProgress, .reportedDone, .done, .stopped]

    /// Every state × action kind × participant (5 × 11 × 8 = 440 cases) against the table.
    @Test(arguments: AssignmentAction.Kind.allCases, states)
    func rulesTable(kind: AssignmentAction.Kind, state: AssignmentState) throws {
        let cell = try #require(Self.expected[kind])[try #require(Self.states.firstIndex(of: state))]
        let before = Self.snapshot(state, pending: kind == .approveExtension || kind == .denyExtension)
        for (code, who) in Self.participants {
            let relation = before.relation(of: who)
            let result = Result { () throws(WorkflowError) in
                try AssignmentWorkflow.apply(
                    Self.action(kind), to: before, by: who, expectedVersion: 7, on: Self.today)
            }
            switch (result, cell) {
            case (.success(let t), let allowed?):
                #expect(
                    allowed.who.contains(code), "\(code) \(kind) in \(state): applied, should be forbidden")
                #expect(t.snapshot.state == allowed.then, "\(code) \(kind) in \(state)")
                #expect(t.snapshot.version == 8 && t.event.version == 8)
                #expect(t.event.from == state && t.event.to == allowed.then && t.event.role == who.role)
                #expect(t.event.on == Self.today)
            case (.success, nil):
                Issue.record("\(code) \(kind) in \(state): nobody may, yet it was applied")
            case (.failure(let error), let allowed?):
                #expect(!allowed.who.contains(code), "\(code) \(kind) in \(state): refused with \(error)")
                #expect(
                    error == .forbidden(kind, role: who.role, relation: relation),
                    "\(code) \(kind) in \(state)")
            case (.failure(let error), nil):
                #expect(error == .notAllowed(kind, in: state), "\(code) \(kind) in \(state)")
            }
        }
    }

    /// The buttons offered agree with the table (with a pending request, approve and deny appear
    /// and request and confirm go away).
    @Test(arguments: states)
    func permittedActionsFollowTheTable(state: AssignmentState) throws {
        let index = try #require(Self.states.firstIndex(of: state))
        for pending in [false, true] {
            let snapshot = Self.snapshot(state, pending: pending)
            for (code, who) in Self.participants {
                let offered = AssignmentWorkflow.permittedActions(on: snapshot, by: who)
                let expected = AssignmentAction.Kind.allCases.filter { kind in
                    guard let cell = Self.expected[kind]?[index], cell.who.contains(code) else {
                        return false
                    }
                    switch kind {
                    case .requestExtension, .confirmDone: return !pending
                    case .approveExtension, .denyExtension: return pending
                    default: return true
                    }
                }
                #expect(offered == expected, "\(code) in \(state), pending \(pending)")
            }
        }
    }

    /// Spot checks of the table in the words of the issue.
    @Test func rolesInWords() throws {
        let officer = Participant(role: .officer, unitIDs: [Self.lead])
        let head = Participant(role: .unitHead, unitIDs: [Self.lead])
        let boss = Participant(role: .leadership, unitIDs: ["bgd"])
        let reported = Self.snapshot(.reportedDone)
        // An officer cannot confirm their own report; leadership does not confirm either.
        #expect(throws: WorkflowError.forbidden(.confirmDone, role: .officer, relation: .lead)) {
            try AssignmentWorkflow.apply(
                .confirmDone, to: reported, by: officer, expectedVersion: 7, on: Self.today)
        }
        #expect(throws: WorkflowError.forbidden(.confirmDone, role: .leadership, relation: .unrelated)) {
            try AssignmentWorkflow.apply(
                .confirmDone, to: reported, by: boss, expectedVersion: 7, on: Self.today)
        }
        // Only a unit head asks for more time; only leadership grants it.
        #expect(throws: WorkflowError.forbidden(.requestExtension, role: .officer, relation: .lead)) {
            try AssignmentWorkflow.apply(
                Self.action(.requestExtension), to: Self.snapshot(.inProgress), by: officer,
                expectedVersion: 7, on: Self.today)
        }
        #expect(throws: WorkflowError.forbidden(.approveExtension, role: .unitHead, relation: .lead)) {
            try AssignmentWorkflow.apply(
                Self.action(.approveExtension), to: Self.snapshot(.inProgress, pending: true), by: head,
                expectedVersion: 7, on: Self.today)
        }
        // A support unit reports its part but not the completion.
        let supportOfficer = Participant(role: .officer, unitIDs: [Self.support])
        let t = try AssignmentWorkflow.apply(
            Self.action(.reportProgress), to: Self.snapshot(.assigned), by: supportOfficer,
            expectedVersion: 7, on: Self.today)
        #expect(t.snapshot.state == .inProgress && t.event.unitID == Self.support)
        #expect(throws: WorkflowError.forbidden(.reportDone, role: .officer, relation: .support)) {
            try AssignmentWorkflow.apply(
                Self.action(.reportDone), to: Self.snapshot(.inProgress), by: supportOfficer,
                expectedVersion: 7, on: Self.today)
        }
        // A user in both the lead and a support unit acts as the lead.
        let both = Participant(role: .unitHead, unitIDs: [Self.support, Self.lead])
        #expect(Self.snapshot(.assigned).relation(of: both) == .lead)
        // Nothing but a comment or a reopening on a closed task.
        for state in [AssignmentState.done, .stopped] {
            #expect(
                AssignmentWorkflow.permittedActions(
                    on: Self.snapshot(state), by: Participant(role: .secretariat)) == [.reopen, .comment])
            #expect(AssignmentWorkflow.permittedActions(on: Self.snapshot(state), by: officer) == [.comment])
        }
    }

    /// A task's life from assignment to confirmation, with a return and an extension; both
    /// deadlines are kept and every change is an event.
    @Test func aTaskFromStartToConfirmation() throws {
        let officer = Participant(role: .officer, unitIDs: [Self.lead], userID: "nva")
        let head = Participant(role: .unitHead, unitIDs: [Self.lead], userID: "ttb")
        let secretariat = Participant(role: .secretariat, unitIDs: ["vp"], userID: "ltc")
        let boss = Participant(role: .leadership, unitIDs: ["bgd"], userID: "pgd")
        var s = AssignmentSnapshot(
            leadUnitIDs: [Self.lead], supportUnitIDs: [Self.support], assignedOn: Self.day("2025-03-03"),
            originalDue: Self.day("2025-03-31"))
        var history: [AssignmentEvent] = []
        func step(_ action: AssignmentAction, _ who: Participant, _ on: String) throws {
            let t = try AssignmentWorkflow.apply(
                action, to: s, by: who, expectedVersion: s.version, on: Self.day(on))
            s = t.snapshot
            history.append(t.event)
        }

        try step(.start, officer, "2025-03-05")
        try step(
            .reportProgress(note: "  Đã xây dựng dự thảo Kế hoạch, gửi lấy ý kiến các phòng.\n"), officer,
            "2025-03-14")
        try step(
            .requestExtension(to: Self.day("2025-04-30"), reason: "Chờ ý kiến Sở Tài chính về kinh phí"),
            head, "2025-03-25")
        #expect(s.pendingExtension?.to == Self.day("2025-04-30") && s.pendingExtension?.unitID == Self.lead)
        // Leadership grants less than asked.
        try step(.approveExtension(to: Self.day("2025-04-15")), boss, "2025-03-27")
        #expect(s.originalDue == Self.day("2025-03-31") && s.extensions == [Self.day("2025-04-15")])
        #expect(s.deadline == Self.day("2025-04-15") && s.pendingExtension == nil)
        try step(
            .reportDone(on: Self.day("2025-04-10"), note: "Tờ trình số 312/TTr-SKHCN"), officer, "2025-04-10")
        try step(.returnForRework(reason: "Bổ sung dự toán kinh phí chi tiết"), secretariat, "2025-04-11")
        #expect(s.state == .inProgress && s.reportedDoneOn == nil)
        try step(.reportDone(on: Self.day("2025-04-14"), note: ""), officer, "2025-04-14")
        try step(.confirmDone, secretariat, "2025-04-16")
        #expect(s.state == .done && s.completedOn == Self.day("2025-04-14") && s.version == 8)

        #expect(
            history.map(\.kind.code) == [
                "started", "progress", "extension_requested", "extension_approved", "reported_done",
                "returned", "reported_done", "confirmed",
            ])
        #expect(history.map(\.version) == Array(1...8))
        #expect(history[1].kind == .progress(note: "Đã xây dựng dự thảo Kế hoạch, gửi lấy ý kiến các phòng."))
        #expect(
            history[3].kind
                == .extensionApproved(
                    from: Self.day("2025-03-31"), requested: Self.day("2025-04-30"),
                    to: Self.day("2025-04-15")))
        #expect(
            history[3].from == .inProgress && history[3].to == .inProgress && history[3].userID == "pgd"
                && history[3].unitID == "bgd")
        #expect(
            history[3].kind.vietnamese
                == "Đồng ý gia hạn từ ngày 31/03/2025 đến ngày 15/04/2025 (đề nghị ngày 30/04/2025)")
        #expect(
            history[5].kind.vietnamese == "Trả lại để tiếp tục thực hiện: Bổ sung dự toán kinh phí chi tiết")
        #expect(history[7].kind.vietnamese == "Xác nhận hoàn thành (ngày hoàn thành 14/04/2025)")

        // The national status reads the kept deadlines and the reported completion date.
        let calendar = VietnameseHolidays.standard.workingDays(years: 2025...2025)
        let standing = try #require(
            TaskStanding(
                due: s.originalDue, extensions: s.extensions, completed: s.completedOn,
                cutOff: Self.day("2025-04-30"), calendar: calendar))
        #expect(standing.status == .doneOnTime)

        // Reopened by the secretariat: the completion no longer stands.
        try step(.reopen(reason: "Xác nhận nhầm"), secretariat, "2025-04-17")
        #expect(s.state == .inProgress && s.completedOn == nil && s.extensions == [Self.day("2025-04-15")])
    }

    /// Two users edit from the same version: the second sees a conflict instead of overwriting.
    @Test func concurrentEditsConflict() throws {
        let stored = Self.snapshot(.reportedDone)
        let secretariat = Participant(role: .secretariat, unitIDs: ["vp"])
        let boss = Participant(role: .leadership, unitIDs: ["bgd"])
        // Both read version 7.
        let first = try AssignmentWorkflow.apply(
            .confirmDone, to: stored, by: secretariat, expectedVersion: 7, on: Self.today)
        // The store saved the first; the second was made from version 7 and meets version 8.
        #expect(throws: WorkflowError.versionConflict(expected: 7, actual: 8)) {
            try AssignmentWorkflow.apply(
                .stop(reason: "Không còn phù hợp"), to: first.snapshot, by: boss, expectedVersion: 7,
                on: Self.today)
        }
        // The version is checked first, whatever else is wrong.
        #expect(throws: WorkflowError.versionConflict(expected: 6, actual: 7)) {
            try AssignmentWorkflow.apply(
                .start, to: stored, by: Participant(role: .officer), expectedVersion: 6, on: Self.today)
        }
        // A comment is a change too.
        #expect(throws: WorkflowError.versionConflict(expected: 7, actual: 8)) {
            try AssignmentWorkflow.apply(
                .comment(text: "Đã xem"), to: first.snapshot, by: boss, expectedVersion: 7, on: Self.today)
        }
    }

    @Test func extensionRules() throws {
        let head = Participant(role: .unitHead, unitIDs: [Self.lead])
        let boss = Participant(role: .leadership, unitIDs: ["bgd"])
        let secretariat = Participant(role: .secretariat, unitIDs: ["vp"])
        func apply(
            _ a: AssignmentAction, _ s: AssignmentSnapshot, _ who: Participant, on: String = "2025-03-20"
        ) throws(WorkflowError) -> AssignmentWorkflow.Transition {
            try AssignmentWorkflow.apply(a, to: s, by: who, expectedVersion: s.version, on: Self.day(on))
        }
        let open = Self.snapshot(.inProgress)
        let pending = Self.snapshot(.inProgress, pending: true)
        // One request at a time; a decision needs a request.
        #expect(throws: WorkflowError.extensionAlreadyPending(Self.day("2025-04-30"))) {
            try apply(.requestExtension(to: Self.day("2025-05-15"), reason: "Thêm thời gian"), pending, head)
        }
        #expect(throws: WorkflowError.noPendingExtension) {
            try apply(.approveExtension(to: Self.day("2025-04-30")), open, boss)
        }
        #expect(throws: WorkflowError.noPendingExtension) {
            try apply(.denyExtension(reason: "Không"), open, boss)
        }
        // The new date must be after the deadline in force (the last one granted), and not past.
        #expect(
            throws: WorkflowError.invalidDate(
                .notAfterDeadline(Self.day("2025-03-31"), deadline: Self.day("2025-03-31")))
        ) {
            try apply(.requestExtension(to: Self.day("2025-03-31"), reason: "Thêm thời gian"), open, head)
        }
        var extended = open
        extended.extensions = [Self.day("2025-04-30")]
        #expect(
            throws: WorkflowError.invalidDate(
                .notAfterDeadline(Self.day("2025-04-15"), deadline: Self.day("2025-04-30")))
        ) {
            try apply(.requestExtension(to: Self.day("2025-04-15"), reason: "Thêm thời gian"), extended, head)
        }
        #expect(
            throws: WorkflowError.invalidDate(
                .notAfterDeadline(Self.day("2025-03-25"), deadline: Self.day("2025-03-31")))
        ) {
            try apply(.approveExtension(to: Self.day("2025-03-25")), pending, boss)
        }
        // Overdue since 31/3, asked on 10/4 for 5/4: already past.
        #expect(
            throws: WorkflowError.invalidDate(
                .beforeToday(Self.day("2025-04-05"), today: Self.day("2025-04-10")))
        ) {
            try apply(
                .requestExtension(to: Self.day("2025-04-05"), reason: "Thêm thời gian"), open, head,
                on: "2025-04-10")
        }
        var noDeadline = open
        noDeadline.originalDue = nil
        #expect(throws: WorkflowError.invalidDate(.noDeadline)) {
            try apply(
                .requestExtension(to: Self.day("2025-04-30"), reason: "Thêm thời gian"), noDeadline, head)
        }
        // A denial keeps the deadline and records what was asked.
        let denied = try apply(.denyExtension(reason: "Nhiệm vụ cấp bách"), pending, boss)
        #expect(
            denied.snapshot.pendingExtension == nil && denied.snapshot.extensions.isEmpty
                && denied.snapshot.deadline == Self.day("2025-03-31"))
        #expect(
            denied.event.kind
                == .extensionDenied(requested: Self.day("2025-04-30"), reason: "Nhiệm vụ cấp bách"))
        // A second extension after a first one; both kept in order.
        let first = try apply(.approveExtension(to: Self.day("2025-04-30")), pending, boss).snapshot
        let asked = try apply(
            .requestExtension(to: Self.day("2025-05-31"), reason: "Chờ thẩm định"), first, head,
            on: "2025-04-25"
        ).snapshot
        let second = try apply(.approveExtension(to: Self.day("2025-05-31")), asked, boss, on: "2025-04-28")
            .snapshot
        #expect(
            second.originalDue == Self.day("2025-03-31")
                && second.extensions == [Self.day("2025-04-30"), Self.day("2025-05-31")])
        // Completion waits for the decision; stopping drops the request.
        let reportedPending = Self.snapshot(.reportedDone, pending: true)
        #expect(throws: WorkflowError.extensionAlreadyPending(Self.day("2025-04-30"))) {
            try apply(.confirmDone, reportedPending, secretariat)
        }
        let stopped = try apply(.stop(reason: "Dừng theo chỉ đạo của UBND tỉnh"), reportedPending, boss)
        #expect(stopped.snapshot.state == .stopped && stopped.snapshot.pendingExtension == nil)
    }

    @Test func payloadChecks() throws {
        let officer = Participant(role: .officer, unitIDs: [Self.lead])
        let secretariat = Participant(role: .secretariat, unitIDs: ["vp"])
        let open = Self.snapshot(.inProgress)
        func apply(_ a: AssignmentAction, _ s: AssignmentSnapshot, _ who: Participant) throws(WorkflowError)
            -> AssignmentWorkflow.Transition
        {
            try AssignmentWorkflow.apply(a, to: s, by: who, expectedVersion: s.version, on: Self.today)
        }
        // Blank reasons and texts (spaces and newlines count as blank).
        let blanks: [(AssignmentAction, AssignmentSnapshot, Participant)] = [
            (.reportProgress(note: " \n"), open, officer),
            (.returnForRework(reason: ""), Self.snapshot(.reportedDone), secretariat),
            (.stop(reason: "  "), open, secretariat),
            (.reopen(reason: ""), Self.snapshot(.done), secretariat),
            (
                .requestExtension(to: Self.day("2025-04-30"), reason: "\t"), open,
                Participant(role: .unitHead, unitIDs: [Self.lead])
            ),
            (
                .denyExtension(reason: ""), Self.snapshot(.inProgress, pending: true),
                Participant(role: .leadership)
            ),
            (.comment(text: "   "), open, officer),
        ]
        for (action, snapshot, who) in blanks {
            #expect(throws: WorkflowError.reasonRequired(action.kind)) { try apply(action, snapshot, who) }
        }
        // A completion date in the future or before the notice.
        #expect(throws: WorkflowError.invalidDate(.inFuture(Self.day("2025-03-21"), today: Self.today))) {
            try apply(.reportDone(on: Self.day("2025-03-21"), note: ""), open, officer)
        }
        #expect(
            throws: WorkflowError.invalidDate(
                .beforeAssignment(Self.day("2024-03-19"), assignedOn: Self.day("2025-03-03")))
        ) {
            try apply(.reportDone(on: Self.day("2024-03-19"), note: ""), open, officer)
        }
        // Today is fine; a blank note on a completion is fine.
        let done = try apply(.reportDone(on: Self.today, note: " "), open, officer)
        #expect(done.event.kind == .reportedDone(on: Self.today, note: ""))
        // Text is stored in NFC: a decomposed "Đã xong" from a pasted file.
        let nfd = "Đã xong".decomposedStringWithCanonicalMapping
        let comment = try apply(.comment(text: nfd), open, officer)
        guard case .comment(let text) = comment.event.kind else {
            Issue.record("not a comment")
            return
        }
        #expect(
            Array(text.unicodeScalars)
                == Array("Đã xong".precomposedStringWithCanonicalMapping.unicodeScalars))
        // The state is checked before the payload: a blank reason on a done task is not allowed at all.
        #expect(throws: WorkflowError.notAllowed(.stop, in: .done)) {
            try apply(.stop(reason: ""), Self.snapshot(.done), secretariat)
        }
    }

    /// Every error reads as a sentence in English and in Vietnamese.
    @Test func errorMessages() {
        let d = Self.day("2025-04-30")
        let errors: [WorkflowError] = [
            .versionConflict(expected: 3, actual: 4),
            .notAllowed(.confirmDone, in: .assigned),
            .forbidden(.reportDone, role: .officer, relation: .support),
            .forbidden(.start, role: .unitHead, relation: .unrelated),
            .forbidden(.approveExtension, role: .secretariat, relation: .unrelated),
            .reasonRequired(.stop), .reasonRequired(.comment), .reasonRequired(.reportProgress),
            .invalidDate(.inFuture(d, today: Self.today)), .invalidDate(.beforeAssignment(d, assignedOn: d)),
            .invalidDate(.notAfterDeadline(d, deadline: d)), .invalidDate(.beforeToday(d, today: Self.today)),
            .invalidDate(.noDeadline), .extensionAlreadyPending(d), .noPendingExtension,
        ]
        for e in errors {
            #expect(e.description.hasSuffix("."), "\(e)")
            #expect(e.vietnamese.hasSuffix("."), "\(e)")
            #expect(!e.vietnamese.contains("_"), "a code leaked: \(e.vietnamese)")
        }
        #expect(
            WorkflowError.notAllowed(.confirmDone, in: .assigned).vietnamese
                == "Không thể thực hiện “Xác nhận hoàn thành” khi nhiệm vụ ở trạng thái “Đã giao”.")
        #expect(
            WorkflowError.invalidDate(.notAfterDeadline(d, deadline: Self.day("2025-05-02"))).vietnamese
                == "Thời hạn mới 30/04/2025 phải sau thời hạn hiện tại (02/05/2025).")
        #expect(
            WorkflowError.forbidden(.reportDone, role: .officer, relation: .support).vietnamese.hasPrefix(
                "Chuyên viên của đơn vị phối hợp"))
        #expect(
            AssignmentState.allCases.map(\.vietnamese) == [
                "Đã giao", "Đang thực hiện", "Đã báo cáo hoàn thành", "Hoàn thành", "Dừng thực hiện",
            ])
        #expect(Role.allCases.map(\.rawValue) == ["lanh_dao", "van_phong", "truong_don_vi", "chuyen_vien"])
        #expect(
            Set(AssignmentAction.Kind.allCases.map(\.vietnamese)).count
                == AssignmentAction.Kind.allCases.count)
    }

    /// Snapshots and events survive the store's JSON.
    @Test func codableRoundTrip() throws {
        let t = try AssignmentWorkflow.apply(
            Self.action(.approveExtension), to: Self.snapshot(.inProgress, pending: true),
            by: Participant(role: .leadership, unitIDs: ["bgd"], userID: "pgd"), expectedVersion: 7,
            on: Self.today)
        let event = try JSONDecoder().decode(AssignmentEvent.self, from: JSONEncoder().encode(t.event))
        #expect(event == t.event)
        let snapshot = try JSONDecoder().decode(
            AssignmentSnapshot.self, from: JSONEncoder().encode(Self.snapshot(.reportedDone, pending: true)))
        #expect(snapshot == Self.snapshot(.reportedDone, pending: true))
    }
}
