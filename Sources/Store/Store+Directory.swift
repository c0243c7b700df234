import Extraction
import Foundation
import SQLKit
import Tracking

/// Organizations and their unit directories.
///
/// A unit's row id is its organization's id and its directory id ("…:van-phong"): directory ids
/// are unique within an organization only, and the row id stays readable in the database.
extension Store {
    /// The organization commands use when none is named; created on first use with the bundled
    /// directory of a provincial Sở Khoa học và Công nghệ.
    public static let defaultOrganizationSlug = "default"

    static func unitRowID(organizationID: String, code: String) -> String { "\(organizationID):\(code)" }

    static func unitCode(rowID: String) -> String {
        // By UTF-8 byte: a search by Character walks grapheme clusters, which a profile of the
        // overdue list found at 6% of its time (one call per unit of every task listed).
        guard let colon = rowID.utf8.firstIndex(of: UInt8(ascii: ":")) else { return rowID }
        return String(rowID[rowID.utf8.index(after: colon)...])
    }

    static func checkSlug(_ slug: String) throws(StoreError) {
        guard slug.count <= 64, slug.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil
        else {
            throw .invalid(
                "organization slug \"\(slug)\": lower-case letters, digits and single hyphens, at most 64")
        }
    }

    /// The organizations, by slug.
    public func organizations() async throws(StoreError) -> [Organization] {
        try await read { db in
            try await db.raw("SELECT id, slug, name, roll_over FROM organizations ORDER BY slug").all().map(
                Self.organization(from:))
        }
    }

    /// The organization with this slug, or nil.
    public func organization(slug: String) async throws(StoreError) -> Organization? {
        try await read { db in
            try await db.raw("SELECT id, slug, name, roll_over FROM organizations WHERE slug = \(bind: slug)")
                .first()
                .map(Self.organization(from:))
        }
    }

    /// The organization to work in: the one with `slug`; the default one is created with the
    /// bundled directory on first use; any other must have been loaded (`dondoc org load`).
    public func organizationToUse(slug: String?, actor: String) async throws(StoreError) -> Organization {
        let slug = slug ?? Self.defaultOrganizationSlug
        if let found = try await organization(slug: slug) { return found }
        guard slug == Self.defaultOrganizationSlug else {
            throw .notFound(
                "organization \"\(slug)\"; load its unit directory first: dondoc org load FILE --org \(slug)")
        }
        return try await loadDirectory(.defaultSKHCN, slug: slug, actor: actor).organization
    }

    static func organization(from row: any SQLRow) throws -> Organization {
        Organization(
            id: try row.decode(column: "id", as: String.self),
            slug: try row.decode(column: "slug", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            rollOver: try row.decode(column: "roll_over", as: Bool.self))
    }

    /// What loading a directory changed.
    public struct DirectoryLoad: Sendable, Hashable {
        public let organization: Organization
        /// Whether the organization was created by this load.
        public let created: Bool
        public let added: [String]
        public let updated: [String]
        public let unchanged: [String]
        /// Units the store had that the file no longer lists: kept for their tasks, made inactive.
        public let deactivated: [String]
        /// Names written in tasks that the new directory resolves (they awaited review).
        public let resolvedNames: Int
    }

    /// Loads `directory` as the units of the organization `slug`, creating it if new (named as
    /// the directory names it). Units are matched by directory id: new ones added, known ones
    /// updated, those the file no longer lists made inactive (their tasks keep them). Aliases the
    /// secretariat taught are kept. Names awaiting review that the new directory resolves are
    /// resolved. One transaction.
    @discardableResult
    public func loadDirectory(_ directory: UnitDirectory, slug: String, actor: String)
        async throws(StoreError) -> DirectoryLoad
    {
        try Self.checkSlug(slug)
        let now = StoreClock.timestamp(Date())
        return try await transaction { db in
            var created = false
            var org: Organization
            if let row = try await db.raw(
                "SELECT id, slug, name, roll_over FROM organizations WHERE slug = \(bind: slug)"
            ).first() {
                org = try Self.organization(from: row)
                if org.name != directory.organization {
                    try await db.raw(
                        "UPDATE organizations SET name = \(bind: directory.organization) WHERE id = \(bind: org.id)"
                    ).run()
                    org = Organization(
                        id: org.id, slug: org.slug, name: directory.organization, rollOver: org.rollOver)
                }
            } else {
                org = Organization(
                    id: UUID().uuidString.lowercased(), slug: slug, name: directory.organization,
                    rollOver: true)
                try await db.raw(
                    """
                    INSERT INTO organizations (id, slug, name, roll_over, created_at)
                    VALUES (\(bind: org.id), \(bind: slug), \(bind: org.name), \(bind: true), \(bind: now))
                    """
                ).run()
                created = true
            }
            let existing = try await Self.storedUnits(db, organizationID: org.id)
            var added: [String] = []
            var updated: [String] = []
            var unchanged: [String] = []
            // Parents first is not needed: parent_id is set in a second pass once every row exists.
            for (position, unit) in directory.units.enumerated() {
                let rowID = Self.unitRowID(organizationID: org.id, code: unit.id)
                if let old = existing[unit.id] {
                    if Self.sameListing(old, unit), old.position == position {
                        unchanged.append(unit.id)
                    } else {
                        updated.append(unit.id)
                    }
                    try await db.raw(
                        """
                        UPDATE units SET name = \(bind: unit.name), short_name = \(bind: unit.shortName), kind = \(bind: unit.kind.rawValue),
                        active = \(bind: unit.active), position = \(bind: position) WHERE id = \(bind: rowID)
                        """
                    ).run()
                    try await db.raw(
                        "DELETE FROM unit_names WHERE unit_id = \(bind: rowID) AND source <> 'learned'"
                    ).run()
                } else {
                    added.append(unit.id)
                    try await db.raw(
                        """
                        INSERT INTO units (id, organization_id, code, name, short_name, kind, active, position)
                        VALUES (\(bind: rowID), \(bind: org.id), \(bind: unit.id), \(bind: unit.name), \(bind: unit.shortName),
                        \(bind: unit.kind.rawValue), \(bind: unit.active), \(bind: position))
                        """
                    ).run()
                }
                var seen = Set(existing[unit.id]?.learned.map { VietnameseText.fold($0) } ?? [])
                let listed =
                    unit.abbreviations.map { ($0, "abbreviation") } + unit.aliases.map { ($0, "alias") }
                for (index, (name, source)) in listed.enumerated() {
                    guard seen.insert(VietnameseText.fold(name)).inserted else { continue }
                    try await db.raw(
                        """
                        INSERT INTO unit_names (unit_id, name, folded, source, position)
                        VALUES (\(bind: rowID), \(bind: name), \(bind: VietnameseText.fold(name)), \(bind: source), \(bind: index))
                        """
                    ).run()
                }
            }
            for unit in directory.units {
                let parent = unit.parentID.map { Self.unitRowID(organizationID: org.id, code: $0) }
                try await db.raw(
                    "UPDATE units SET parent_id = \(bind: parent) WHERE id = \(bind: Self.unitRowID(organizationID: org.id, code: unit.id))"
                ).run()
            }
            let listed = Set(directory.units.map(\.id))
            let deactivated = existing.keys.filter {
                !listed.contains($0) && existing[$0]?.unit.active == true
            }.sorted()
            for code in deactivated {
                try await db.raw(
                    "UPDATE units SET active = \(bind: false) WHERE id = \(bind: Self.unitRowID(organizationID: org.id, code: code))"
                ).run()
            }
            let stored = try await Self.directory(db, organization: org)
            let resolved = try await Self.resolvePendingNames(db, organization: org, directory: stored)
            try await Self.audit(
                db, organizationID: org.id, actor: actor,
                action: created ? "organization.create" : "directory.load",
                entity: "organization", entityID: org.id,
                detail: [
                    "added": added.joined(separator: ","), "updated": updated.joined(separator: ","),
                    "deactivated": deactivated.joined(separator: ","),
                ])
            return DirectoryLoad(
                organization: org, created: created, added: added, updated: updated, unchanged: unchanged,
                deactivated: deactivated, resolvedNames: resolved)
        }
    }

    /// The organization's unit directory as stored, learned aliases included.
    public func directory(of organization: Organization) async throws(StoreError) -> UnitDirectory {
        try await read { db in try await Self.directory(db, organization: organization) }
    }

    private struct StoredUnit {
        var unit: OrgUnit
        var learned: [String]
        var position: Int
    }

    /// Whether a stored unit is as a directory file lists it (learned aliases aside; the store
    /// does not keep the order of names).
    private static func sameListing(_ stored: StoredUnit, _ unit: OrgUnit) -> Bool {
        let s = stored.unit
        return s.name == unit.name && s.shortName == unit.shortName && s.kind == unit.kind
            && s.parentID == unit.parentID
            && s.active == unit.active && Set(s.abbreviations) == Set(unit.abbreviations)
            && Set(s.aliases.filter { !stored.learned.contains($0) }) == Set(unit.aliases)
    }

    private static func storedUnits(_ db: any SQLDatabase, organizationID: String) async throws -> [String:
        StoredUnit]
    {
        let rows = try await db.raw(
            """
            SELECT u.id, u.code, u.name, u.short_name, u.kind, u.parent_id, u.active, u.position
            FROM units u WHERE u.organization_id = \(bind: organizationID) ORDER BY u.position, u.code
            """
        ).all()
        let names = try await db.raw(
            """
            SELECT n.unit_id, n.name, n.source FROM unit_names n JOIN units u ON u.id = n.unit_id
            WHERE u.organization_id = \(bind: organizationID) ORDER BY n.unit_id, n.position, n.name
            """
        ).all()
        var byRow: [String: [(name: String, source: String)]] = [:]
        for row in names {
            byRow[try row.decode(column: "unit_id", as: String.self), default: []].append(
                (
                    try row.decode(column: "name", as: String.self),
                    try row.decode(column: "source", as: String.self)
                ))
        }
        var units: [String: StoredUnit] = [:]
        for row in rows {
            let rowID = try row.decode(column: "id", as: String.self)
            let code = try row.decode(column: "code", as: String.self)
            let kindText = try row.decode(column: "kind", as: String.self)
            let listed = byRow[rowID] ?? []
            let unit = OrgUnit(
                id: code, name: try row.decode(column: "name", as: String.self),
                shortName: try row.decodeOptional(column: "short_name", as: String.self),
                abbreviations: listed.filter { $0.source == "abbreviation" }.map(\.name),
                aliases: listed.filter { $0.source != "abbreviation" }.map(\.name),
                kind: OrgUnitKind(rawValue: kindText) ?? .other,
                parentID: try row.decodeOptional(column: "parent_id", as: String.self).map(unitCode(rowID:)),
                active: try row.decode(column: "active", as: Bool.self))
            units[code] = StoredUnit(
                unit: unit, learned: listed.filter { $0.source == "learned" }.map(\.name),
                position: try row.decode(column: "position", as: Int.self))
        }
        return units
    }

    static func directory(_ db: any SQLDatabase, organization: Organization) async throws -> UnitDirectory {
        let stored = try await storedUnits(db, organizationID: organization.id).values.sorted {
            ($0.position, $0.unit.id) < ($1.position, $1.unit.id)
        }
        guard !stored.isEmpty else {
            throw StoreError.notFound(
                "units of organization \"\(organization.slug)\"; load them: dondoc org load FILE --org \(organization.slug)"
            )
        }
        do {
            return try UnitDirectory(organization: organization.name, units: stored.map(\.unit))
        } catch {
            // A learned alias that the directory loaded since makes ambiguous: the file wins.
            return try UnitDirectory(
                organization: organization.name,
                units: stored.map { s in
                    var u = s.unit
                    u.aliases.removeAll { s.learned.contains($0) }
                    return u
                })
        }
    }

    /// Teaches the directory that `name` stands for the unit `unitCode` (the secretariat's
    /// correction of a match): the alias is stored, and every task unit written so that awaited
    /// review now points at the unit. Returns how many task units it resolved.
    @discardableResult
    public func learnAlias(_ name: String, for unitCode: String, in organization: Organization, actor: String)
        async throws(StoreError) -> Int
    {
        try await transaction { db in
            let current = try await Self.directory(db, organization: organization)
            let learned: UnitDirectory
            do throws(UnitDirectoryError) {
                learned = try current.learning(alias: name, for: unitCode)
            } catch {
                throw StoreError.invalid(error.message)
            }
            if learned != current {
                let rowID = Self.unitRowID(organizationID: organization.id, code: unitCode)
                try await db.raw(
                    """
                    INSERT INTO unit_names (unit_id, name, folded, source, position)
                    VALUES (\(bind: rowID), \(bind: name), \(bind: VietnameseText.fold(name)), 'learned',
                    (SELECT coalesce(max(position), 0) + 1 FROM unit_names WHERE unit_id = \(bind: rowID)))
                    """
                ).run()
            }
            let resolved = try await Self.resolvePendingNames(
                db, organization: organization, directory: learned)
            try await Self.audit(
                db, organizationID: organization.id, actor: actor, action: "directory.learn_alias",
                entity: "unit",
                entityID: Self.unitRowID(organizationID: organization.id, code: unitCode),
                detail: ["alias": name])
            return resolved
        }
    }

    /// Points the task units awaiting review at the units `directory` now matches them to.
    static func resolvePendingNames(
        _ db: any SQLDatabase, organization: Organization, directory: UnitDirectory
    ) async throws -> Int {
        let rows = try await db.raw(
            """
            SELECT au.assignment_id, au.role, au.position, au.written_name FROM assignment_units au
            JOIN assignments a ON a.id = au.assignment_id
            WHERE a.organization_id = \(bind: organization.id) AND au.matched_by IN ('ambiguous', 'unmatched')
            """
        ).all()
        guard !rows.isEmpty else { return 0 }
        let matcher = UnitMatcher(directory)
        var resolved = 0
        for row in rows {
            let written = try row.decode(column: "written_name", as: String.self)
            // Only a name that now stands for one unit resolves; a group stays for review.
            guard case .units(let ids, let how) = matcher.match(written), ids.count == 1 else { continue }
            let task = try row.decode(column: "assignment_id", as: String.self)
            let role = try row.decode(column: "role", as: String.self)
            let position = try row.decode(column: "position", as: Int.self)
            let unit = unitRowID(organizationID: organization.id, code: ids[0])
            // A unit is named once on a task (migration 0010). When the task already names the
            // unit, the lead's row stays: a name resolved as a coordinator that the task's lead
            // already is goes, and one resolved as the lead replaces the unit's coordinator row.
            let already = try await db.raw(
                "SELECT role FROM assignment_units WHERE assignment_id = \(bind: task) AND unit_id = \(bind: unit)"
            ).first()?.decode(column: "role", as: String.self)
            if let already, already == "lead" || role == "support" {
                try await db.raw(
                    """
                    DELETE FROM assignment_units
                    WHERE assignment_id = \(bind: task) AND role = \(bind: role) AND position = \(bind: position)
                    """
                ).run()
            } else {
                if already != nil {
                    try await db.raw(
                        "DELETE FROM assignment_units WHERE assignment_id = \(bind: task) AND unit_id = \(bind: unit)"
                    ).run()
                }
                try await db.raw(
                    """
                    UPDATE assignment_units SET unit_id = \(bind: unit), matched_by = \(bind: how.rawValue)
                    WHERE assignment_id = \(bind: task) AND role = \(bind: role) AND position = \(bind: position)
                    """
                ).run()
            }
            resolved += 1
        }
        return resolved
    }

    /// A name written in tasks that awaits review, and how many task units write it.
    public struct PendingName: Sendable, Hashable, Codable {
        public let writtenName: String
        public let matchedBy: String
        public let count: Int
    }

    /// The names written in the organization's tasks that match no unit or several
    /// (other agencies' units are not listed: they are no unit of the directory by right).
    public func pendingNames(in organization: Organization) async throws(StoreError) -> [PendingName] {
        try await read { db in
            try await db.raw(
                """
                SELECT au.written_name, au.matched_by, count(*) AS n FROM assignment_units au
                JOIN assignments a ON a.id = au.assignment_id
                WHERE a.organization_id = \(bind: organization.id) AND au.matched_by IN ('ambiguous', 'unmatched')
                GROUP BY au.written_name, au.matched_by ORDER BY n DESC, au.written_name
                """
            ).all().map { row in
                PendingName(
                    writtenName: try row.decode(column: "written_name", as: String.self),
                    matchedBy: try row.decode(column: "matched_by", as: String.self),
                    count: try row.decode(column: "n", as: Int.self))
            }
        }
    }

    /// Appends a line to the audit log.
    static func audit(
        _ db: any SQLDatabase, organizationID: String?, actor: String, action: String, entity: String,
        entityID: String,
        detail: [String: String] = [:]
    ) async throws {
        let json = String(decoding: try JSONEncoder.sorted.encode(detail), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO audit_log (id, organization_id, at, actor, action, entity, entity_id, detail)
            VALUES (\(bind: UUID().uuidString.lowercased()), \(bind: organizationID), \(bind: StoreClock.timestamp(Date())),
            \(bind: actor), \(bind: action), \(bind: entity), \(bind: entityID), \(bind: json))
            """
        ).run()
    }
}

extension JSONEncoder {
    /// Keys sorted, slashes as is: the JSON the store writes into its text columns.
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
