import Foundation
import Testing

@testable import Tracking

/// The unit directory: the default Sở KH&CN, the file format and its checks, learned aliases.
@Suite struct UnitDirectoryTests {
    /// A small directory in the file format, with `units` as its list.
    static func file(_ units: String, organization: String = "Sở Khoa học và Công nghệ") -> Data {
        Data(
            #"{ "format": "dondoc.units/1", "organization": "\#(organization)", "units": [\#(units)] }"#.utf8)
    }

    @Test func theDefaultDirectory() throws {
        // Arrange
        let d = UnitDirectory.defaultSKHCN

        // Act
        let ids = d.units.map(\.id)

        // Assert
        #expect(d.organization == "Sở Khoa học và Công nghệ")
        #expect(Set(ids).count == ids.count && ids.count == 17)
        #expect(d.units.allSatisfy { $0.active })
        #expect(d.unit(id: "chi-cuc-tcdlcl")?.abbreviations == ["TCĐLCL"])
        // "*": neither the Ban Giám đốc nor the đoàn thể.
        #expect(
            d.everyUnitIDs == ids.filter { !["ban-giam-doc", "cong-doan", "doan-thanh-nien"].contains($0) })
    }

    @Test func roundTrip() throws {
        // Arrange
        let custom = try UnitDirectory(
            organization: "Sở Khoa học và Công nghệ tỉnh Nghệ An",
            units: [
                OrgUnit(
                    id: "chi-cuc", name: "Chi cục Tiêu chuẩn Đo lường Chất lượng", abbreviations: ["TCĐLCL"],
                    kind: .subDepartment),
                OrgUnit(
                    id: "phong-qlcl", name: "Phòng Quản lý Chất lượng", shortName: "Quản lý Chất lượng",
                    aliases: ["Phòng QLCL"], kind: .department, parentID: "chi-cuc"),
                OrgUnit(
                    id: "trung-tam-xhnv", name: "Trung tâm Khoa học Xã hội và Nhân văn", kind: .center,
                    active: false),
            ])

        // Act, Assert
        for d in [UnitDirectory.defaultSKHCN, custom] {
            #expect(try UnitDirectory(json: d.encoded()) == d)
        }
        let text = String(decoding: custom.encoded(), as: UTF8.self)
        #expect(text.contains(#""format" : "dondoc.units/1""#) && text.contains(#""parent" : "chi-cuc""#))
        #expect(text.contains(#""kind" : "sub-department""#) && text.contains(#""active" : false"#))
    }

    @Test func namesAreStoredNFCAndTidy() throws {
        // Arrange
        let decomposed = "Văn  phòng Sở ".decomposedStringWithCanonicalMapping

        // Act
        let d = try UnitDirectory(
            organization: "Sở KH&CN", units: [OrgUnit(id: "vp", name: decomposed, kind: .office)])

        // Assert
        #expect(
            d.units[0].name.unicodeScalars.elementsEqual(
                "Văn phòng Sở".precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test func loadsAFile() throws {
        // Arrange
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "units-\(UUID().uuidString).json")
        try UnitDirectory.defaultSKHCN.encoded().write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }

        // Act
        let loaded = try UnitDirectory(contentsOfFile: path.path)

        // Assert
        #expect(loaded == .defaultSKHCN)
        #expect {
            try UnitDirectory(contentsOfFile: "/nonexistent/units.json")
        } throws: { error in
            guard case .unreadable(let p, _) = error as? UnitDirectoryError else { return false }
            return p == "/nonexistent/units.json"
                && (error as? UnitDirectoryError)?.message.hasPrefix(
                    "unit directory: cannot read /nonexistent/units.json: ") == true
        }
    }

    static let vp = #"{ "id": "van-phong", "name": "Văn phòng Sở", "kind": "office" }"#

    /// Every check of a file, with the sentence it answers.
    @Test(
        arguments: [
            (
                Data(#"{ "format": "dondoc.holidays/1", "units": [] }"#.utf8),
                UnitDirectoryError.wrongFormat(found: "dondoc.holidays/1"),
                #"format is "dondoc.holidays/1", expected "dondoc.units/1""#
            ),
            (
                Data(#"{ "organization": "Sở", "units": [] }"#.utf8), .wrongFormat(found: ""),
                #"the file has no "format"; a unit directory starts with "format": "dondoc.units/1""#
            ),
            (
                Data(#"[1, 2]"#.utf8), .malformed("expected an object"), "expected an object"
            ),
            (
                Data(#"{ "format": "dondoc.units/1", "organisation": "Sở", "units": [] }"#.utf8),
                .malformed(#"unknown key "organisation"; the keys are format, organization, note, units"#),
                #"unknown key "organisation"; the keys are format, organization, note, units"#
            ),
            (
                Data(#"{ "format": "dondoc.units/1", "organization": "Sở" }"#.utf8),
                .malformed(#"missing "units""#),
                #"missing "units""#
            ),
            (
                file(#"{ "id": "vp", "name": "Văn phòng", "kind": "office", "alias": ["VP"] }"#),
                .malformed(
                    #"unknown key "alias" at units[0]; the keys are id, name, shortName, abbreviations, aliases, kind, parent, active"#
                ),
                #"unknown key "alias" at units[0]; the keys are id, name, shortName, abbreviations, aliases, kind, parent, active"#
            ),
            (
                file(vp + #", { "id": "tt", "kind": "inspectorate" }"#),
                .malformed(#"missing "name" at units[1]"#),
                #"missing "name" at units[1]"#
            ),
            (
                file(#"{ "id": "vp", "name": "Văn phòng", "kind": "office", "active": "yes" }"#),
                .malformed("expected true or false at units[0].active"),
                "expected true or false at units[0].active"
            ),
            (
                file(#"{ "id": "vp", "name": "Văn phòng", "kind": "phong" }"#),
                .malformed(
                    #"unknown kind "phong" at units[0].kind; use one of "leadership", "office", "department", "sub-department", "center", "inspectorate", "mass-organization", "other""#
                ),
                #"unknown kind "phong" at units[0].kind; use one of "leadership", "office", "department", "sub-department", "center", "inspectorate", "mass-organization", "other""#
            ),
            (
                file(vp, organization: " "), .emptyOrganization,
                #"the organization name is empty; set "organization" to the agency's name"#
            ),
            (file(""), .noUnits, #"no units are listed; list at least one under "units""#),
            (
                file(#"{ "id": "Van Phong", "name": "Văn phòng", "kind": "office" }"#),
                .invalidID("Van Phong"),
                #"unit id "Van Phong" is not a slug; use lower-case letters, digits and single hyphens ("van-phong")"#
            ),
            (
                file(vp + ", " + #"{ "id": "van-phong", "name": "Thanh tra", "kind": "inspectorate" }"#),
                .duplicateID("van-phong"), #"unit id "van-phong" is used twice; give each unit its own id"#
            ),
            (
                file(#"{ "id": "vp", "name": " – ", "kind": "office" }"#),
                .emptyName(unitID: "vp", field: "name"),
                #"unit "vp": name is empty; write the unit's name"#
            ),
            (
                file(#"{ "id": "vp", "name": "Văn phòng", "shortName": "", "kind": "office" }"#),
                .emptyName(unitID: "vp", field: "shortName"),
                #"unit "vp": shortName is empty; write the unit's name"#
            ),
            (
                file(#"{ "id": "vp", "name": "Văn phòng", "abbreviations": ["VP", ""], "kind": "office" }"#),
                .emptyName(unitID: "vp", field: "abbreviations"),
                #"unit "vp": an entry of abbreviations is empty; write it or remove it"#
            ),
            (
                file(#"{ "id": "vp", "name": "Văn phòng", "aliases": ["()"], "kind": "office" }"#),
                .emptyName(unitID: "vp", field: "aliases"),
                #"unit "vp": an entry of aliases is empty; write it or remove it"#
            ),
            (
                file(
                    #"{ "id": "qlcl", "name": "Phòng Quản lý chất lượng", "kind": "department", "parent": "chi-cuc" }"#
                ),
                .unknownParent(unitID: "qlcl", parentID: "chi-cuc"),
                #"unit "qlcl": parent "chi-cuc" is not in the directory; add it or correct the id"#
            ),
            (
                file(
                    #"{ "id": "a", "name": "Phòng A", "kind": "department", "parent": "b" }, { "id": "b", "name": "Phòng B", "kind": "department", "parent": "a" }"#
                ),
                .parentCycle(unitID: "a"),
                #"unit "a": its parents lead back to itself; a unit cannot contain itself"#
            ),
            (
                file(#"{ "id": "a", "name": "Phòng A", "kind": "department", "parent": "a" }"#),
                .parentCycle(unitID: "a"),
                #"unit "a": its parents lead back to itself; a unit cannot contain itself"#
            ),
            (
                file(vp + ", " + #"{ "id": "vp2", "name": "VĂN PHÒNG", "kind": "office" }"#),
                .sameName(name: "VĂN PHÒNG", unitIDs: ["van-phong", "vp2"]),
                #"units "van-phong" and "vp2" are both called "VĂN PHÒNG"; rename one of them or make it inactive"#
            ),
        ] as [(Data, UnitDirectoryError, String)])
    func refusedFiles(json: Data, expected: UnitDirectoryError, reason: String) {
        // Act
        let result = Result { () throws(UnitDirectoryError) in try UnitDirectory(json: json) }

        // Assert
        guard case .failure(let error) = result else {
            Issue.record("accepted: \(String(decoding: json, as: UTF8.self))")
            return
        }
        #expect(error == expected)
        #expect(error.reason == reason)
        #expect(error.message == "unit directory: " + reason)
    }

    @Test func notJSON() {
        #expect {
            try UnitDirectory(json: Data("format: dondoc.units/1".utf8))
        } throws: { error in
            guard case .notJSON = error as? UnitDirectoryError else { return false }
            return (error as? UnitDirectoryError)?.message.hasPrefix("unit directory: not JSON (") == true
        }
    }

    @Test func anInactiveUnitMayShareAName() throws {
        // A merged unit kept for old tasks, and its successor under the same name.
        let d = try UnitDirectory(
            json: Self.file(
                Self.vp
                    + #", { "id": "van-phong-cu", "name": "Văn phòng Sở", "kind": "office", "active": false }"#
            ))
        #expect(d.match("Văn phòng") == .units(["van-phong"], how: .exact))
    }

    // MARK: - Learned aliases

    @Test func aCorrectionIsLearned() throws {
        // Arrange
        let written = "Phòng Hành chính - Tổng hợp"
        #expect(UnitDirectory.defaultSKHCN.match(written) == .unmatched)

        // Act
        let taught = try UnitDirectory.defaultSKHCN.learning(alias: written, for: "van-phong")

        // Assert
        #expect(taught.unit(id: "van-phong")?.aliases == [written])
        #expect(taught.match(written) == .units(["van-phong"], how: .alias))
        #expect(taught.match("PHÒNG HÀNH CHÍNH – TỔNG HỢP") == .units(["van-phong"], how: .alias))
        #expect(
            try UnitDirectory(json: taught.encoded()).match(written) == .units(["van-phong"], how: .alias))
        // Learning it again changes nothing.
        #expect(try taught.learning(alias: "Phòng hành chính tổng hợp", for: "van-phong") == taught)
    }

    @Test func noAliasForAnInactiveUnit() throws {
        // Arrange
        let d = try UnitDirectory(
            json: Self.file(
                Self.vp
                    + #", { "id": "hc-th", "name": "Phòng Hành chính - Tổng hợp", "kind": "office", "active": false }"#
            ))

        // Act
        let result = Result { () throws(UnitDirectoryError) in
            try d.learning(alias: "Phòng HC-TH", for: "hc-th")
        }

        // Assert
        #expect(result == .failure(.inactiveUnit("hc-th")))
        #expect(
            UnitDirectoryError.inactiveUnit("hc-th").reason
                == #"unit "hc-th" is inactive; choose the unit that took over its work"#)
        let taught = try d.learning(alias: "Phòng Hành chính - Tổng hợp", for: "van-phong")
        #expect(taught.match("Phòng Hành chính Tổng hợp") == .units(["van-phong"], how: .alias))
    }

    @Test func aCorrectionOverridesTheRules() throws {
        // Arrange: "Phòng QLCN" could be either; this Sở means its Phòng Quản lý chuyên ngành.
        #expect(
            UnitDirectory.defaultSKHCN.match("Phòng QLCN")
                == .ambiguous(["quan-ly-cong-nghe", "quan-ly-chuyen-nganh"]))

        // Act
        let taught = try UnitDirectory.defaultSKHCN.learning(alias: "Phòng QLCN", for: "quan-ly-chuyen-nganh")

        // Assert
        #expect(taught.match("Phòng QLCN") == .units(["quan-ly-chuyen-nganh"], how: .alias))
        #expect(taught.match("QLCN") == .units(["quan-ly-cong-nghe"], how: .abbreviation))
    }

    @Test(
        arguments: [
            (
                "Phòng X", "phong-x", UnitDirectoryError.unknownUnit("phong-x"),
                #"no unit "phong-x" in the directory"#
            ),
            (" ", "van-phong", .emptyAlias, "the alias is empty; write the name as the notice wrote it"),
            ("*", "van-phong", .emptyAlias, "the alias is empty; write the name as the notice wrote it"),
            (
                "Thanh tra Sở", "van-phong", .aliasTaken(alias: "Thanh tra Sở", unitID: "thanh-tra"),
                #""Thanh tra Sở" already names unit "thanh-tra"; it cannot name another"#
            ),
            (
                "lãnh đạo sở", "van-phong", .aliasTaken(alias: "lãnh đạo sở", unitID: "ban-giam-doc"),
                #""lãnh đạo sở" already names unit "ban-giam-doc"; it cannot name another"#
            ),
        ] as [(String, String, UnitDirectoryError, String)])
    func refusedAliases(alias: String, unitID: String, expected: UnitDirectoryError, reason: String) {
        // Act
        let result = Result { () throws(UnitDirectoryError) in
            try UnitDirectory.defaultSKHCN.learning(alias: alias, for: unitID)
        }

        // Assert
        guard case .failure(let error) = result else {
            Issue.record("learned \(alias) for \(unitID)")
            return
        }
        #expect(error == expected)
        #expect(error.reason == reason)
    }
}

/// Matching written names to the default directory's units: a table per outcome.
@Suite struct UnitMatchingTests {
    static let matcher = UnitMatcher(.defaultSKHCN)

    @Test(arguments: [
        // Case, tone marks, dashes, NFD, the organization's own name around the unit.
        ("Phòng Kế hoạch - Tài chính", "ke-hoach-tai-chinh"),
        ("PHÒNG KẾ HOẠCH – TÀI CHÍNH", "ke-hoach-tai-chinh"),
        ("Phòng kế hoạch Tài chính", "ke-hoach-tai-chinh"),
        ("phong ke hoach tai chinh", "ke-hoach-tai-chinh"),
        ("Phòng Quản lý khoa học".decomposedStringWithCanonicalMapping, "quan-ly-khoa-hoc"),
        ("Văn phòng", "van-phong"),
        ("Văn phòng Sở", "van-phong"),
        ("Văn phòng Sở Khoa học và Công nghệ tỉnh Nghệ An", "van-phong"),
        ("Thanh tra Sở", "thanh-tra"),
        ("Ban Giám đốc (chỉ đạo)", "ban-giam-doc"),
        ("Công Đoàn", "cong-doan"),
        ("Đoàn thanh niên", "doan-thanh-nien"),
        ("Phòng Quản lý khoa học và công nghệ cơ sở", "quan-ly-khcn-co-so"),
        ("Phòng Quản lý khoa học, công nghệ cơ sở", "quan-ly-khcn-co-so"),
    ])
    func exact(written: String, id: String) {
        #expect(Self.matcher.match(written) == .units([id], how: .exact), "\(written)")
    }

    @Test(arguments: [
        // "KH&CN", "KH & CN", "KHCN" all read "khoa học và công nghệ".
        ("Phòng Quản lý KH&CN cơ sở", "quan-ly-khcn-co-so"),
        ("Phòng Quản lý KH & CN cơ sở", "quan-ly-khcn-co-so"),
        ("Phòng Quản lý KHCN cơ sở", "quan-ly-khcn-co-so"),
        ("Chi cục TCĐLCL", "chi-cuc-tcdlcl"),
        ("TCĐLCL", "chi-cuc-tcdlcl"),
        ("Phòng Quản lý CN & TT Công nghệ", "quan-ly-cong-nghe"),
        ("Phòng QLCN&TTCN", "quan-ly-cong-nghe"),
        ("Phòng QLKH", "quan-ly-khoa-hoc"),
        ("QLKH", "quan-ly-khoa-hoc"),
        ("Phòng ĐMST", "doi-moi-sang-tao"),
        ("Phòng KH-TC", "ke-hoach-tai-chinh"),
        ("Trung tâm Ứng dụng tiến bộ KH&CN", "trung-tam-ung-dung"),
        ("Trung tâm ƯD TB KH&CN", "trung-tam-ung-dung"),
        ("TT Thông tin và Thống kê KH&CN", "trung-tam-thong-tin"),
        ("Quỹ Phát triển KHCN", "quy-phat-trien-khcn"),
        ("BGĐ", "ban-giam-doc"),
        ("VP", "van-phong"),
    ])
    func abbreviation(written: String, id: String) {
        #expect(Self.matcher.match(written) == .units([id], how: .abbreviation), "\(written)")
    }

    @Test(arguments: [
        // The head left out, a head only one unit has, a shortened name, a word off.
        ("Quản lý khoa học", "quan-ly-khoa-hoc"),
        ("Kế hoạch - Tài chính", "ke-hoach-tai-chinh"),
        ("Tiêu chuẩn Đo lường Chất lượng", "chi-cuc-tcdlcl"),
        ("Chi cục", "chi-cuc-tcdlcl"),
        ("Quỹ", "quy-phat-trien-khcn"),
        ("Trung tâm Ứng dụng", "trung-tam-ung-dung"),
        ("Phòng Quản lý Công nghệ", "quan-ly-cong-nghe"),
        ("Trung tâm Thông tin KH&CN", "trung-tam-thong-tin"),
        ("Trung tâm Ứng dụng khoa học và công nghệ", "trung-tam-ung-dung"),
        ("Trung tâm Ứng dụng và Dịch vụ KH&CN", "trung-tam-ung-dung"),
        ("Trung tâm TCĐLCL", "trung-tam-ky-thuat-tcdlcl"),
        ("Phòng Đổi mới sáng tạo", "doi-moi-sang-tao"),
    ])
    func partial(written: String, id: String) {
        #expect(Self.matcher.match(written) == .units([id], how: .partial), "\(written)")
    }

    @Test(arguments: [
        ("Trung tâm", ["trung-tam-ung-dung", "trung-tam-thong-tin", "trung-tam-ky-thuat-tcdlcl"]),
        ("Phòng QLCN", ["quan-ly-cong-nghe", "quan-ly-chuyen-nganh"]),
        (
            "Phòng Quản lý",
            [
                "quan-ly-khoa-hoc", "quan-ly-cong-nghe", "quan-ly-chuyen-nganh", "quan-ly-khcn-co-so",
                "doi-moi-sang-tao",
            ]
        ),
    ])
    func ambiguous(written: String, ids: [String]) {
        #expect(Self.matcher.match(written) == .ambiguous(ids), "\(written)")
    }

    @Test(arguments: [
        "Sở Tài chính", "Sở, Ngành (cơ quan đăng ký đầu tư)", "UBND các huyện",
        "Ủy ban nhân dân phường Yên Bái",
        "Công an tỉnh", "Thanh tra tỉnh", "Văn phòng Sở Công Thương tỉnh Lào Cai", "Bộ Khoa học và Công nghệ",
        "cơ quan chuyên môn thuộc Bộ Tài chính", "Cục Biến đổi khí hậu", "Vụ Kế hoạch - Tài chính",
        "Trường Đại học Vinh", "Văn phòng Đoàn ĐBQH và HĐND Thành phố",
        "Trung tâm Phục vụ hành chính công tỉnh",
        "các địa phương có rừng",
    ])
    func otherAgency(written: String) {
        #expect(Self.matcher.match(written) == .otherAgency, "\(written)")
    }

    @Test(arguments: [
        // A merged unit, another head, the organization itself, a person, a group of others.
        "Phòng Quản lý Công nghệ và Chuyên ngành",
        "Phòng Quản lý Công nghệ, thị trường công nghệ và chuyên ngành",
        "Trung tâm Công nghệ thông tin", "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng",
        "Sở Khoa học và Công nghệ",
        "Ông. Hoàng Văn Thuân - Trưởng đoàn", "các ngành", "các cơ quan chủ trì", "", " – ",
    ])
    func unmatched(written: String) {
        #expect(Self.matcher.match(written) == .unmatched, "\(written)")
    }

    @Test func groups() {
        let every = UnitDirectory.defaultSKHCN.everyUnitIDs
        #expect(Self.matcher.match("*") == .all(every))
        #expect(Self.matcher.match("các phòng, đơn vị trực thuộc Sở") == .all(every))
        #expect(Self.matcher.match("Các phòng ban và các đơn vị có liên quan") == .all(every))
        #expect(
            Self.matcher.match("các trung tâm")
                == .units(
                    ["trung-tam-ung-dung", "trung-tam-thong-tin", "trung-tam-ky-thuat-tcdlcl"], how: .group))
    }

    @Test func everyUnitSkipsInactiveUnits() throws {
        // Arrange
        let d = try UnitDirectory(
            json: UnitDirectoryTests.file(
                #"""
                { "id": "bgd", "name": "Ban Giám đốc", "kind": "leadership" },
                { "id": "vp", "name": "Văn phòng Sở", "kind": "office" },
                { "id": "qlcn", "name": "Phòng Quản lý công nghệ", "kind": "department", "active": false },
                { "id": "qlcn-cn", "name": "Phòng Quản lý công nghệ và chuyên ngành", "kind": "department" },
                { "id": "cd", "name": "Công đoàn Sở", "kind": "mass-organization" }
                """#))

        // Act, Assert
        #expect(d.match("*") == .all(["vp", "qlcn-cn"]))
        #expect(d.match("Phòng Quản lý Công nghệ và Chuyên ngành") == .units(["qlcn-cn"], how: .exact))
        // The inactive unit's own name leads to its successor, never to it.
        #expect(d.match("Phòng Quản lý công nghệ").unitIDs == ["qlcn-cn"])
    }

    @Test func resolveKeepsOrderWithoutDuplicates() {
        // Act
        let (ids, unmatched) = UnitDirectory.defaultSKHCN.resolve([
            "Thanh tra Sở", "Văn phòng", "Thanh tra", "Sở Tài chính", "Trung tâm", "Sở  Tài chính",
            "Văn phòng Sở",
        ])

        // Assert
        #expect(ids == ["thanh-tra", "van-phong"])
        #expect(unmatched == ["Sở Tài chính", "Trung tâm"])
    }

    @Test func resolveExpandsEveryUnit() {
        let (ids, unmatched) = UnitDirectory.defaultSKHCN.resolve(["Văn phòng", "*"])
        #expect(ids.first == "van-phong" && ids.count == UnitDirectory.defaultSKHCN.everyUnitIDs.count)
        #expect(unmatched.isEmpty)
    }

    @Test(arguments: [
        ("KH&CN", ["kh", "cn"]),
        ("Khoa học và Công nghệ", ["khoa", "hoc", "cong", "nghe"]),
        ("khoa học, công nghệ", ["khoa", "hoc", "cong", "nghe"]),
        ("Đổi mới sáng tạo", ["doi", "moi", "sang", "tao"]),
        ("Ban Giám đốc (chỉ đạo)", ["ban", "giam", "doc"]),
        ("Phòng Kế hoạch – Tài chính", ["phong", "ke", "hoach", "tai", "chinh"]),
    ])
    func theOneFold(name: String, folded: [String]) {
        #expect(UnitMatcher.words(name).map(\.folded) == folded)
    }

    @Test func marksTellWordsApart() throws {
        // "số" (number) is not "sở" (department), "quan" (of "cơ quan") is not "quận".
        let d = try UnitDirectory(
            json: UnitDirectoryTests.file(
                #"{ "id": "cds", "name": "Phòng Chuyển đổi số", "kind": "department" }, { "id": "vp", "name": "Văn phòng Sở", "kind": "office" }"#
            ))
        #expect(d.match("Phòng Chuyển đổi số") == .units(["cds"], how: .exact))
        #expect(d.match("Phòng Chuyển đổi số và Công nghệ thông tin") != .otherAgency)
        #expect(d.match("Văn phòng Sở Tư pháp") == .otherAgency)
        #expect(d.match("các cơ quan thông tấn") == .unmatched)
    }
}
