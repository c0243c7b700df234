import Foundation

/// The units of one organization, which the names a notice writes are resolved to: a file of the
/// format `dondoc.units/1` that each organization keeps (`dondoc org load FILE`).
///
/// ```json
/// { "format": "dondoc.units/1",
///   "organization": "Sở Khoa học và Công nghệ",
///   "units": [
///     { "id": "van-phong", "name": "Văn phòng Sở", "shortName": "Văn phòng",
///       "abbreviations": ["VP"], "aliases": [], "kind": "office",
///       "parent": null, "active": true } ] }
/// ```
///
/// `kind` is one of ``OrgUnitKind``'s raw values; `shortName`, `abbreviations`, `aliases`,
/// `parent` and `active` (true) may be left out; a `note` may say where the list comes from. A
/// directory is valid by construction: every initializer checks it (``UnitDirectoryError``).
public struct UnitDirectory: Sendable, Hashable {
    public static let formatName = "dondoc.units/1"

    /// The organization's name ("Sở Khoa học và Công nghệ"): a name that mentions it ("Văn phòng
    /// Sở Khoa học và Công nghệ tỉnh Nghệ An") names one of its own units.
    public let organization: String
    /// The units, in the order pages list them.
    public let units: [OrgUnit]

    /// A directory of these units, checked.
    public init(organization: String, units: [OrgUnit]) throws(UnitDirectoryError) {
        self.organization = UnitMatcher.tidy(organization)
        self.units = units.map { u in
            var u = u
            u.name = UnitMatcher.tidy(u.name)
            u.shortName = u.shortName.map(UnitMatcher.tidy)
            u.abbreviations = u.abbreviations.map(UnitMatcher.tidy)
            u.aliases = u.aliases.map(UnitMatcher.tidy)
            return u
        }
        try validate()
    }

    /// Reads and checks a `dondoc.units/1` file.
    public init(json: Data) throws(UnitDirectoryError) {
        let file: FileModel
        do {
            // The format first: a file of another kind is named as such, not as a missing key.
            let probe = try JSONDecoder().decode(FormatProbe.self, from: json)
            guard probe.format == Self.formatName else {
                throw UnitDirectoryError.wrongFormat(found: probe.format ?? "")
            }
            file = try JSONDecoder().decode(FileModel.self, from: json)
        } catch let error as UnitDirectoryError {
            throw error
        } catch let error as DecodingError {
            throw Self.describe(error)
        } catch {
            throw .notJSON(error.localizedDescription)
        }
        try self.init(organization: file.organization, units: file.units)
    }

    /// Reads and checks the file at `path`.
    public init(contentsOfFile path: String) throws(UnitDirectoryError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        try self.init(json: data)
    }

    /// The directory of a typical provincial Sở Khoa học và Công nghệ, shipped with DonDoc
    /// (`Resources/default-units-skhcn.json`): what an organization starts from.
    public static let defaultSKHCN: UnitDirectory = {
        do {
            return try UnitDirectory(json: Data(PackageResources.default_units_skhcn_json))
        } catch {
            // The file is part of the build and tested; a broken copy is a build defect.
            preconditionFailure("the bundled default-units-skhcn.json does not load: \(error)")
        }
    }()

    /// The directory as a `dondoc.units/1` file (UTF-8 JSON, keys sorted), which `init(json:)`
    /// reads back to an equal directory.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(
                FileModel(format: Self.formatName, organization: organization, units: units))
        } catch {
            // Strings, booleans and arrays of them always encode.
            preconditionFailure("a unit directory does not encode: \(error)")
        }
    }

    /// The unit with this id, active or not.
    public func unit(id: String) -> OrgUnit? {
        units.first { $0.id == id }
    }

    /// The units still in service, in directory order.
    public var activeUnits: [OrgUnit] {
        units.filter(\.active)
    }

    /// What "*" ("các phòng, đơn vị") stands for: the ids of the active units of the kinds it covers
    /// (``OrgUnitKind/isInEveryUnit``), in directory order.
    public var everyUnitIDs: [String] {
        units.filter { $0.active && $0.kind.isInEveryUnit }.map(\.id)
    }

    /// This directory with `alias` added to the unit `unitID`: what the secretariat's correction
    /// of a match teaches, so that the same name matches that unit from then on.
    ///
    /// Unchanged when the alias already names the unit exactly. Refused when the unit is unknown
    /// or inactive, the alias is empty or "*", or it is already a name or alias of another active
    /// unit (it would make both ambiguous).
    public func learning(alias: String, for unitID: String) throws(UnitDirectoryError) -> UnitDirectory {
        let alias = UnitMatcher.tidy(alias)
        guard let index = units.firstIndex(where: { $0.id == unitID }) else { throw .unknownUnit(unitID) }
        guard units[index].active else { throw .inactiveUnit(unitID) }
        let org = UnitMatcher.words(organization)
        let key = UnitMatcher.key(alias, organization: org)
        guard !key.isEmpty, alias != "*" else { throw .emptyAlias }
        for other in units where other.active {
            let names = UnitMatcher.exactNames(of: other)
            guard names.contains(where: { UnitMatcher.key($0, organization: org) == key }) else { continue }
            if other.id == unitID { return self }
            throw .aliasTaken(alias: alias, unitID: other.id)
        }
        var changed = units
        changed[index].aliases.append(alias)
        return try UnitDirectory(organization: organization, units: changed)
    }

    /// The unit (or units) `written` names; see ``UnitMatcher``. For many names, make one
    /// `UnitMatcher` and ask it.
    public func match(_ written: String) -> UnitMatch {
        UnitMatcher(self).match(written)
    }

    /// The units the names of a task's `lead` or `support` list stand for, in order and without
    /// duplicates, and the names left for the secretariat to resolve.
    public func resolve(_ names: [String]) -> (unitIDs: [String], unmatched: [String]) {
        UnitMatcher(self).resolve(names)
    }

    // MARK: - Checks

    private func validate() throws(UnitDirectoryError) {
        guard !UnitMatcher.words(organization).isEmpty else { throw .emptyOrganization }
        let org = UnitMatcher.words(organization)
        guard !units.isEmpty else { throw .noUnits }
        var ids = Set<String>()
        for u in units {
            guard Self.isSlug(u.id) else { throw .invalidID(u.id) }
            guard ids.insert(u.id).inserted else { throw .duplicateID(u.id) }
            guard !UnitMatcher.words(u.name).isEmpty else { throw .emptyName(unitID: u.id, field: "name") }
            if let s = u.shortName, UnitMatcher.words(s).isEmpty {
                throw .emptyName(unitID: u.id, field: "shortName")
            }
            if u.abbreviations.contains(where: { UnitMatcher.words($0).isEmpty }) {
                throw .emptyName(unitID: u.id, field: "abbreviations")
            }
            if u.aliases.contains(where: { UnitMatcher.words($0).isEmpty }) {
                throw .emptyName(unitID: u.id, field: "aliases")
            }
        }
        for u in units {
            var seen: Set<String> = [u.id]
            var parent = u.parentID
            while let p = parent {
                guard let up = unit(id: p) else { throw .unknownParent(unitID: u.id, parentID: p) }
                guard seen.insert(p).inserted else { throw .parentCycle(unitID: u.id) }
                parent = up.parentID
            }
        }
        // Two active units answering to the same name could never be told apart by a notice.
        var owner: [String: (id: String, name: String)] = [:]
        for u in units where u.active {
            for name in UnitMatcher.exactNames(of: u) {
                let key = UnitMatcher.key(name, organization: org)
                if let first = owner[key], first.id != u.id {
                    throw .sameName(name: name, unitIDs: [first.id, u.id])
                }
                owner[key] = (u.id, name)
            }
        }
    }

    /// Whether `id` is lower-case ASCII letters and digits in groups joined by single hyphens.
    static func isSlug(_ id: String) -> Bool {
        let groups = id.split(separator: "-", omittingEmptySubsequences: false)
        return groups.allSatisfy { g in
            !g.isEmpty && g.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
        }
    }

    static func describe(_ error: DecodingError) -> UnitDirectoryError {
        func path(_ c: DecodingError.Context) -> String { UnitFileKey.at(c.codingPath) }
        switch error {
        case .dataCorrupted(let c) where c.codingPath.isEmpty:
            let detail = (c.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return .notJSON(detail ?? c.debugDescription)
        case .dataCorrupted(let c): return .malformed("\(c.debugDescription)\(path(c))")
        case .keyNotFound(let key, let c): return .malformed("missing \"\(key.stringValue)\"\(path(c))")
        case .typeMismatch(let type, let c): return .malformed("expected \(Self.jsonName(type))\(path(c))")
        case .valueNotFound(let type, let c):
            return .malformed("expected \(Self.jsonName(type)), found null\(path(c))")
        @unknown default: return .malformed("\(error)")
        }
    }

    private static func jsonName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is [String].Type: "a list of strings"
        case is [OrgUnit].Type: "a list of units"
        default: "an object"
        }
    }
}

/// A unit directory that cannot be used, or a change to it that is refused.
public enum UnitDirectoryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file cannot be read.
    case unreadable(path: String, reason: String)
    /// The bytes are not JSON.
    case notJSON(String)
    /// JSON, but not the shape of `dondoc.units/1`: a key missing, unknown or of the wrong type.
    case malformed(String)
    /// The `format` is not `dondoc.units/1`.
    case wrongFormat(found: String)
    case emptyOrganization
    case noUnits
    /// An id that is not a slug ("van-phong").
    case invalidID(String)
    case duplicateID(String)
    /// `field` of the unit is empty: "name", "shortName", "abbreviations" or "aliases".
    case emptyName(unitID: String, field: String)
    case unknownParent(unitID: String, parentID: String)
    case parentCycle(unitID: String)
    /// Two active units answer to the same name (folded).
    case sameName(name: String, unitIDs: [String])
    /// No unit has this id.
    case unknownUnit(String)
    /// The unit is no longer active: names are not matched to it.
    case inactiveUnit(String)
    /// An alias to learn is empty or "*".
    case emptyAlias
    /// The alias is already a name of another unit.
    case aliasTaken(alias: String, unitID: String)

    /// What is wrong and what to do, in English (logs and CLI), without the "unit directory: " prefix.
    public var reason: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .notJSON(let detail): "not JSON (\(detail)); the file must be a dondoc.units/1 JSON object"
        case .malformed(let detail): detail
        case .wrongFormat(let found) where found.isEmpty:
            "the file has no \"format\"; a unit directory starts with \"format\": \"\(UnitDirectory.formatName)\""
        case .wrongFormat(let found): "format is \"\(found)\", expected \"\(UnitDirectory.formatName)\""
        case .emptyOrganization: "the organization name is empty; set \"organization\" to the agency's name"
        case .noUnits: "no units are listed; list at least one under \"units\""
        case .invalidID(let id):
            "unit id \"\(id)\" is not a slug; use lower-case letters, digits and single hyphens (\"van-phong\")"
        case .duplicateID(let id): "unit id \"\(id)\" is used twice; give each unit its own id"
        case .emptyName(let id, let field) where field == "abbreviations" || field == "aliases":
            "unit \"\(id)\": an entry of \(field) is empty; write it or remove it"
        case .emptyName(let id, let field): "unit \"\(id)\": \(field) is empty; write the unit's name"
        case .unknownParent(let id, let parent):
            "unit \"\(id)\": parent \"\(parent)\" is not in the directory; add it or correct the id"
        case .parentCycle(let id):
            "unit \"\(id)\": its parents lead back to itself; a unit cannot contain itself"
        case .sameName(let name, let ids):
            "units \(ids.map { "\"\($0)\"" }.joined(separator: " and ")) are both called \"\(name)\"; "
                + "rename one of them or make it inactive"
        case .unknownUnit(let id): "no unit \"\(id)\" in the directory"
        case .inactiveUnit(let id): "unit \"\(id)\" is inactive; choose the unit that took over its work"
        case .emptyAlias: "the alias is empty; write the name as the notice wrote it"
        case .aliasTaken(let alias, let id):
            "\"\(alias)\" already names unit \"\(id)\"; it cannot name another"
        }
    }

    /// "unit directory: " and the reason.
    public var message: String { "unit directory: " + reason }
    public var description: String { message }
}

// MARK: - The JSON shape

private struct FormatProbe: Decodable {
    let format: String?
}

private struct FileModel: Codable {
    let format: String
    let organization: String
    let units: [OrgUnit]

    init(format: String, organization: String, units: [OrgUnit]) {
        self.format = format
        self.organization = organization
        self.units = units
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case format, organization, note, units
    }

    init(from decoder: Decoder) throws {
        try decoder.container(keyedBy: UnitFileKey.self).refuseUnknownKeys(
            CodingKeys.allCases.map(\.stringValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        organization = try c.decode(String.self, forKey: .organization)
        units = try c.decode([OrgUnit].self, forKey: .units)
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(organization, forKey: .organization)
        try c.encode(units, forKey: .units)
    }
}
