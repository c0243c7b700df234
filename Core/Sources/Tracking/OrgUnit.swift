import Foundation

/// A unit of the organization that tasks are assigned to: a phòng, the Văn phòng, the Thanh tra, a
/// chi cục, a trung tâm, the Ban Giám đốc, a đoàn thể.
public struct OrgUnit: Sendable, Hashable, Codable {
    /// A stable slug ("van-phong"): lower-case ASCII letters, digits and single hyphens. Tasks,
    /// the database and links keep it when the unit is renamed.
    public var id: String
    /// The full name as the organization writes it ("Văn phòng Sở").
    public var name: String
    /// The name in everyday use, when shorter ("Văn phòng"); nil when it is the name.
    public var shortName: String?
    /// Abbreviations in use ("VP", "TCĐLCL", "QLCN&TTCN"); matching also reads initials on its own.
    public var abbreviations: [String]
    /// Other names that stand for this unit, most of them learned from the secretariat's
    /// corrections ("Phòng Hành chính - Tổng hợp" for the Văn phòng of a province that renamed it).
    public var aliases: [String]
    /// What kind of unit it is.
    public var kind: OrgUnitKind
    /// The unit it belongs to, if it is part of another (a phòng of a chi cục); nil under the Sở.
    public var parentID: String?
    /// False for a unit dissolved or merged away: kept so that old tasks keep their unit, but no
    /// longer matched or included in "*".
    public var active: Bool

    public init(
        id: String, name: String, shortName: String? = nil, abbreviations: [String] = [],
        aliases: [String] = [],
        kind: OrgUnitKind, parentID: String? = nil, active: Bool = true
    ) {
        self.id = id
        self.name = name
        self.shortName = shortName
        self.abbreviations = abbreviations
        self.aliases = aliases
        self.kind = kind
        self.parentID = parentID
        self.active = active
    }
}

/// The kinds of unit of a provincial department (Sở) and what "*" covers of them.
public enum OrgUnitKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Ban Giám đốc: the Giám đốc and the Phó Giám đốc, who assign the tasks.
    case leadership
    /// Văn phòng Sở.
    case office
    /// A phòng chuyên môn (Phòng Quản lý khoa học, Phòng Kế hoạch - Tài chính).
    case department
    /// A chi cục (Chi cục Tiêu chuẩn Đo lường Chất lượng).
    case subDepartment = "sub-department"
    /// A trung tâm, an đơn vị sự nghiệp (Trung tâm Ứng dụng tiến bộ khoa học và công nghệ).
    case center
    /// Thanh tra Sở.
    case inspectorate
    /// A đoàn thể of the staff: Công đoàn, Đoàn Thanh niên.
    case massOrganization = "mass-organization"
    /// Anything else (a quỹ, a hội đồng).
    case other

    /// The Vietnamese name pages print.
    public var vietnamese: String {
        switch self {
        case .leadership: "Ban Giám đốc"
        case .office: "Văn phòng"
        case .department: "Phòng chuyên môn"
        case .subDepartment: "Chi cục"
        case .center: "Trung tâm"
        case .inspectorate: "Thanh tra"
        case .massOrganization: "Đoàn thể"
        case .other: "Đơn vị khác"
        }
    }

    /// Whether "*" ("các phòng, đơn vị") includes units of this kind. The Ban Giám đốc assigns the
    /// tasks of a notice rather than receiving them, and a đoàn thể is not part of the Sở's
    /// apparatus: neither is one of "các phòng, đơn vị".
    public var isInEveryUnit: Bool {
        switch self {
        case .leadership, .massOrganization: false
        default: true
        }
    }
}

// MARK: - JSON

extension OrgUnit {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, shortName, abbreviations, aliases, kind, parent, active
    }

    /// Reads a unit of a `dondoc.units/1` file, refusing keys it does not know.
    public init(from decoder: Decoder) throws {
        try decoder.container(keyedBy: UnitFileKey.self).refuseUnknownKeys(
            CodingKeys.allCases.map(\.stringValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kindText = try c.decode(String.self, forKey: .kind)
        guard let kind = OrgUnitKind(rawValue: kindText) else {
            let allowed = OrgUnitKind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw UnitDirectoryError.malformed(
                "unknown kind \"\(kindText)\"\(UnitFileKey.at(c.codingPath + [CodingKeys.kind])); use one of \(allowed)"
            )
        }
        self.init(
            id: try c.decode(String.self, forKey: .id),
            name: try c.decode(String.self, forKey: .name),
            shortName: try c.decodeIfPresent(String.self, forKey: .shortName),
            abbreviations: try c.decodeIfPresent([String].self, forKey: .abbreviations) ?? [],
            aliases: try c.decodeIfPresent([String].self, forKey: .aliases) ?? [],
            kind: kind,
            parentID: try c.decodeIfPresent(String.self, forKey: .parent),
            active: try c.decodeIfPresent(Bool.self, forKey: .active) ?? true)
    }

    /// Writes the unit as a `dondoc.units/1` file lists it: empty lists, no parent and `active:
    /// true` are left out, as an administrator would write them.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(shortName, forKey: .shortName)
        if !abbreviations.isEmpty { try c.encode(abbreviations, forKey: .abbreviations) }
        if !aliases.isEmpty { try c.encode(aliases, forKey: .aliases) }
        try c.encode(kind.rawValue, forKey: .kind)
        try c.encodeIfPresent(parentID, forKey: .parent)
        if !active { try c.encode(false, forKey: .active) }
    }
}

/// Any key of a unit file's JSON object, to find those the format does not have.
struct UnitFileKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }

    /// " at units[2].kind" for a coding path; "" for the top.
    static func at(_ path: [any CodingKey]) -> String {
        let p = path.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        return p.isEmpty ? "" : " at \(p.hasPrefix(".") ? String(p.dropFirst()) : p)"
    }
}

extension KeyedDecodingContainer where K == UnitFileKey {
    /// Refuses a key the format does not have: a misspelt "alias" in an administrator's file must
    /// be an error, not a name silently ignored.
    func refuseUnknownKeys(_ known: [String]) throws {
        for key in allKeys.sorted(by: { $0.stringValue < $1.stringValue })
        where !known.contains(key.stringValue) {
            throw UnitDirectoryError.malformed(
                "unknown key \"\(key.stringValue)\"\(UnitFileKey.at(codingPath)); the keys are "
                    + known.joined(separator: ", "))
        }
    }
}
