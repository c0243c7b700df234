import Deadlines
import Foundation
import SQLKit
import TestSupport
import Testing
import Tracking

@testable import Store

extension Notices {
    /// Rows in each table that an import writes.
    static func rowCounts(_ store: Store) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for table in [
            "documents", "assignments", "assignment_units", "assignment_events", "audit_log", "search_index",
        ] {
            out[table] = try await store.read { db in
                try await db.raw("SELECT count(*) AS n FROM \(unsafeRaw: table)").first()!.decode(
                    column: "n", as: Int.self)
            }
        }
        return out
    }
}

@Suite struct ImportTests {
    @Test(arguments: TestDatabases.all)
    func aNoticeIsStoredWithItsUnitsAndItsDeadlinesOnTheWorkingCalendar(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (org, notice) = try await Notices.load(Notices.march, name: "tb-12.txt", into: store)
            #expect(org.slug == Store.defaultOrganizationSlug)
            #expect(
                notice.tasks == 3 && notice.published && notice.pendingNames.isEmpty
                    && notice.carriedOver == 0)
            let tasks = try await store.tasks(in: org, TaskQuery(documentID: notice.documentID))
            #expect(tasks.map(\.position) == [0, 2, 1], "ordered by deadline")
            let first = try #require(tasks.first)
            #expect(first.lead.map(\.unitID) == ["van-phong"])
            #expect(first.support.map(\.unitID) == ["ke-hoach-tai-chinh"])
            #expect(first.support.first?.writtenName == "Phòng Kế hoạch - Tài chính")
            #expect(first.dueText == "trước ngày 20/3/2025")
            #expect(
                first.dueDate == Notices.date("2025-03-20") && first.deadline == Notices.date("2025-03-20"))
            #expect(first.assignedOn == Notices.date("2025-03-05"))
            #expect(first.state == .assigned && first.version == 1 && first.documentSymbol == "TB-SKHCN")
            // "trong tháng 4/2025" ends on 30/4, a public holiday; 1/5 is one, 2/5/2025 was given
            // off for a worked Saturday, 3–4/5 are a weekend: the deadline rolls over to 5/5.
            let second = try #require(tasks.first { $0.position == 1 })
            #expect(second.dueSource == "due")
            #expect(second.deadline == Notices.date("2025-05-05"))
            let history = try await store.events(ofTask: first.id)
            #expect(history.map(\.kind) == ["created"])
            #expect(history.first?.toState == .assigned && history.first?.on == Notices.date("2025-04-08"))
            let documents = try await store.documents(in: org)
            #expect(documents.count == 1)
            #expect(documents.first?.tasks == 3 && documents.first?.status == "published")
            #expect(documents.first?.issued == Notices.date("2025-03-05"))
        }
    }

    @Test(arguments: TestDatabases.all)
    func importingTheSameFileAgainChangesNothingAndSaysSo(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (org, notice) = try await Notices.load(Notices.march, name: "tb-12.txt", into: store)
            let before = try await Notices.rowCounts(store)
            let again = try await store.importNotice(
                NoticeInput(sourceName: "renamed.txt", text: Notices.march), into: org, publish: false,
                calendar: Notices.calendar,
                actor: "test")
            #expect(
                again
                    == .alreadyImported(
                        documentID: notice.documentID, sourceName: "tb-12.txt", status: "published"))
            #expect(try await Notices.rowCounts(store) == before)
        }
    }

    @Test(arguments: TestDatabases.all)
    func aNoticeWithoutTasksIsRefusedAndLeavesNothing(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let org = try await store.organizationToUse(slug: nil, actor: "test")
            let before = try await Notices.rowCounts(store)
            let text =
                "SỞ KHOA HỌC VÀ CÔNG NGHỆ\nTHÔNG BÁO\nVề việc thay đổi số điện thoại của Văn phòng Sở.\n"
            await #expect(throws: StoreError.emptyNotice("doi-so.txt")) {
                _ = try await store.importNotice(
                    NoticeInput(sourceName: "doi-so.txt", text: text), into: org, publish: true,
                    calendar: Notices.calendar, actor: "test")
            }
            #expect(try await Notices.rowCounts(store) == before)
        }
    }

    @Test(arguments: TestDatabases.all)
    func theUnitsATaskCoordinatesWithLeaveOutItsLead(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let text = Notices.march.replacingOccurrences(
                of: "3. Giao Thanh tra Sở xây dựng",
                with: "3. Giao Thanh tra Sở chủ trì, phối hợp với các phòng, đơn vị thuộc Sở xây dựng")
            let (org, _) = try await Notices.load(text, name: "tb-12.txt", into: store)
            let task = try #require(try await store.tasks(in: org).first { $0.text.contains("xăng dầu") })
            #expect(task.leadUnitIDs == ["thanh-tra"])
            let support = task.support.compactMap(\.unitID)
            #expect(support.contains("van-phong"))
            #expect(support.count > 5)
            #expect(!support.contains("thanh-tra"))
        }
    }

    @Test(arguments: TestDatabases.all)
    func aDraftsTasksAreTrackedOnceItIsPublished(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (org, notice) = try await Notices.load(
                Notices.march, name: "tb-12.txt", into: store, publish: false)
            #expect(try await store.tasks(in: org).isEmpty)
            #expect(try await store.tasks(in: org, TaskQuery(includeDrafts: true)).count == 3)
            try await store.publish(documentID: notice.documentID, expectedVersion: 1, actor: "test")
            #expect(try await store.tasks(in: org).count == 3)
            // A second publish from the same page (version 1) is a conflict, not a silent repeat.
            await #expect(throws: StoreError.self) {
                try await store.publish(documentID: notice.documentID, expectedVersion: 1, actor: "test")
            }
        }
    }

    @Test(arguments: TestDatabases.all)
    func aLaterNoticeThatRepeatsAnOpenTaskCarriesItOver(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (org, march) = try await Notices.load(Notices.march, name: "tb-12.txt", into: store)
            let (_, april) = try await Notices.load(Notices.april, name: "tb-20.txt", into: store)
            #expect(april.carriedOver == 1)
            let old = try await store.tasks(in: org, TaskQuery(documentID: march.documentID))
            let new = try await store.tasks(in: org, TaskQuery(documentID: april.documentID))
            let repeated = try #require(new.first { $0.position == 0 })
            let original = try #require(old.first { $0.position == 0 })
            #expect(repeated.carriesOverID == original.id)
            #expect(new.first { $0.position == 1 }?.carriesOverID == nil)
            #expect(try await store.events(ofTask: original.id).map(\.kind) == ["created", "carried_over"])
            // "Chi cục TCĐLCL" is the directory's Chi cục Tiêu chuẩn Đo lường Chất lượng.
            #expect(new.first { $0.position == 1 }?.lead.map(\.unitID) == ["chi-cuc-tcdlcl"])
        }
    }

    /// A task page's dossier: the task, its workflow, notice, history with its authors' names and
    /// files, and the tasks it carries over, read together.
    @Test(arguments: TestDatabases.all)
    func aTasksDossierHoldsItsHistoryAuthorsFilesAndTheTasksItCarriesOver(dialect: StoreDialect) async throws
    {
        try await TestDatabases.withStore(dialect) { store in
            let (org, march) = try await Notices.load(Notices.march, name: "tb-12.txt", into: store)
            let (_, april) = try await Notices.load(Notices.april, name: "tb-20.txt", into: store)
            let original = try #require(
                try await store.tasks(in: org, TaskQuery(documentID: march.documentID)).first {
                    $0.position == 0
                })
            let repeated = try #require(
                try await store.tasks(in: org, TaskQuery(documentID: april.documentID)).first {
                    $0.position == 0
                })
            let officer = try await store.addPerson(
                NewPerson(
                    fullName: "Trần Thị Bình", login: "binh", role: .officer, unitID: "van-phong",
                    passwordHash: "$2b$04$x"), in: org, actor: "test")
            _ = try await store.apply(
                .reportProgress(note: "Đã gửi dự thảo xin ý kiến"), toTask: repeated.id,
                by: officer.participant,
                expectedVersion: repeated.version, actor: officer.id, calendar: Notices.calendar,
                today: Notices.date("2025-04-10"),
                attachments: [
                    AttachmentInput(
                        fileName: "du-thao.txt", contentType: "text/plain", data: Data("dự thảo".utf8))
                ])

            let dossier = try #require(try await store.dossier(ofTask: repeated.id))
            #expect(dossier.task.id == repeated.id && dossier.organizationID == org.id)
            // The workflow as the actions read it, with the units taken from the task's record.
            let workflow = try await store.workflowSnapshot(ofTask: repeated.id)
            #expect(dossier.snapshot == workflow?.snapshot && dossier.snapshot.leadUnitIDs == ["van-phong"])
            #expect(dossier.notice.symbol == "TB-SKHCN" && dossier.notice.number == "20")
            #expect(dossier.earlier.map(\.id) == [original.id])
            let progress = try #require(
                dossier.events.first { $0.event.body.contains("Đã gửi dự thảo xin ý kiến") })
            #expect(progress.actorName == "Trần Thị Bình" && progress.event.actor == officer.id)
            #expect(dossier.attachments[progress.event.id]?.map(\.fileName) == ["du-thao.txt"])
            // The import's events have no person as author.
            #expect(dossier.events.first?.actorName == nil)
            #expect(try await store.dossier(ofTask: "khong-co") == nil)
        }
    }
}

@Suite struct DirectoryStoreTests {
    @Test(arguments: TestDatabases.all)
    func aDirectoryIsLoadedReloadedAndAUnitItDropsIsKeptInactive(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let first = try await store.loadDirectory(.defaultSKHCN, slug: "nghe-an", actor: "test")
            #expect(first.created && first.added.count == UnitDirectory.defaultSKHCN.units.count)
            let again = try await store.loadDirectory(.defaultSKHCN, slug: "nghe-an", actor: "test")
            #expect(
                !again.created && again.added.isEmpty && again.updated.isEmpty && again.deactivated.isEmpty)
            #expect(again.unchanged.count == UnitDirectory.defaultSKHCN.units.count)
            #expect(try await store.directory(of: first.organization) == UnitDirectory.defaultSKHCN)

            let dropped = try #require(UnitDirectory.defaultSKHCN.units.last)
            let smaller = try UnitDirectory(
                organization: UnitDirectory.defaultSKHCN.organization,
                units: UnitDirectory.defaultSKHCN.units.dropLast())
            let third = try await store.loadDirectory(smaller, slug: "nghe-an", actor: "test")
            #expect(third.deactivated == [dropped.id])
            let stored = try await store.directory(of: first.organization)
            #expect(stored.unit(id: dropped.id)?.active == false)
            #expect(!stored.everyUnitIDs.contains(dropped.id))
        }
    }

    @Test(arguments: TestDatabases.all)
    func aCorrectionTeachesAnAliasAndResolvesTheNamesThatAwaitedIt(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let renamed = Notices.march.replacingOccurrences(
                of: "Giao Văn phòng Sở chủ trì", with: "Giao Phòng Hành chính - Tổng hợp chủ trì")
            let (org, notice) = try await Notices.load(renamed, name: "tb-12.txt", into: store)
            #expect(notice.pendingNames == ["Phòng Hành chính - Tổng hợp"])
            #expect(
                try await store.pendingNames(in: org).map(\.writtenName) == ["Phòng Hành chính - Tổng hợp"])
            let resolved = try await store.learnAlias(
                "Phòng Hành chính - Tổng hợp", for: "van-phong", in: org, actor: "test")
            #expect(resolved == 1)
            #expect(try await store.pendingNames(in: org).isEmpty)
            let task = try #require(
                try await store.tasks(in: org, TaskQuery(unitID: "van-phong", leadOnly: true)).first)
            #expect(task.lead.first?.writtenName == "Phòng Hành chính - Tổng hợp")
            #expect(task.lead.first?.matchedBy == "alias")
            // The next notice that writes it matches at once.
            let (_, april) = try await Notices.load(
                Notices.april.replacingOccurrences(
                    of: "Giao Văn phòng Sở", with: "Giao Phòng Hành chính - Tổng hợp"), name: "tb-20.txt",
                into: store)
            #expect(april.pendingNames.isEmpty)
            // An alias that names another unit is refused.
            await #expect(throws: StoreError.self) {
                try await store.learnAlias("Thanh tra Sở", for: "van-phong", in: org, actor: "test")
            }
        }
    }

    /// A name resolved to a unit the task already names leaves the unit once on the task, as its
    /// lead when either of the two rows leads (a unit is named once per task, migration 0010).
    @Test(arguments: TestDatabases.all)
    func aNameResolvedToAUnitTheTaskAlreadyNamesLeavesItOnceAsLead(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (org, _) = try await Notices.load(
                """
                SỞ KHOA HỌC VÀ CÔNG NGHỆ
                Số: 41/TB-SKHCN
                Nghệ An, ngày 05 tháng 3 năm 2025

                THÔNG BÁO
                Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng 3/2025

                1. Giao Văn phòng Sở chủ trì, phối hợp với Phòng Hành chính - Tổng hợp rà soát hồ sơ lưu trữ năm 2024, báo cáo trước ngày 20/3/2025.
                2. Giao Phòng Hành chính - Tổng hợp chủ trì, phối hợp với Văn phòng Sở rà soát tài liệu lưu trữ năm 2023, hoàn thành trước ngày 10/4/2025.
                """, name: "tb-41.txt", into: store)
            let before = try await store.tasks(in: org).sorted { $0.position < $1.position }
            try #require(before.count == 2)
            #expect(before[0].leadUnitIDs == ["van-phong"] && before[0].support.map(\.unitID) == [nil])
            #expect(before[1].lead.map(\.unitID) == [nil] && before[1].support.map(\.unitID) == ["van-phong"])
            #expect(
                try await store.learnAlias(
                    "Phòng Hành chính - Tổng hợp", for: "van-phong", in: org, actor: "test")
                    == 2)
            let after = try await store.tasks(in: org).sorted { $0.position < $1.position }
            #expect(after[0].lead.map(\.writtenName) == ["Văn phòng Sở"] && after[0].support.isEmpty)
            #expect(
                after[1].lead.map(\.writtenName) == ["Phòng Hành chính - Tổng hợp"]
                    && after[1].support.isEmpty)
            #expect(after.allSatisfy { $0.leadUnitIDs == ["van-phong"] })
            #expect(try await store.pendingNames(in: org).isEmpty)
            let listed = try await store.tasks(in: org, TaskQuery(unitID: "van-phong", leadOnly: true)).map(
                \.id)
            #expect(listed == after.map(\.id))
        }
    }

    /// Each task's units as `assignment_units` and the directory hold them, read without the
    /// copy that lists read (`assignments.units_listed`).
    static func unitsAsStored(_ store: Store, in org: Organization) async throws -> [String: [String]] {
        try await store.read { db in
            var out: [String: [String]] = [:]
            for row in try await db.raw(
                """
                SELECT au.assignment_id, au.role, au.position, au.written_name, au.unit_id, au.matched_by, u.name
                FROM assignment_units au LEFT JOIN units u ON u.id = au.unit_id
                ORDER BY au.assignment_id, au.role, au.position
                """
            ).all() {
                let unit = try row.decode(column: "unit_id", as: String?.self)
                out[try row.decode(column: "assignment_id", as: String.self), default: []].append(
                    [
                        try row.decode(column: "role", as: String.self),
                        try row.decode(column: "written_name", as: String.self),
                        unit.map(Store.unitCode(rowID:)) ?? "-",
                        try row.decode(column: "matched_by", as: String.self),
                        try row.decode(column: "name", as: String?.self) ?? "-",
                    ].joined(separator: "|"))
            }
            return out
        }
    }

    /// The same, as the lists give them.
    static func unitsListed(_ store: Store, in org: Organization) async throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for task in try await store.tasks(in: org, TaskQuery(includeDrafts: true, limit: 10_000)) {
            let describe = { (role: String, unit: TaskUnit) in
                [role, unit.writtenName, unit.unitID ?? "-", unit.matchedBy, unit.unitName ?? "-"].joined(
                    separator: "|")
            }
            let units = task.lead.map { describe("lead", $0) } + task.support.map { describe("support", $0) }
            if !units.isEmpty { out[task.id] = units }
        }
        return out
    }

    @Test(arguments: TestDatabases.all)
    func theUnitsAListShowsFollowEveryChangeOfThem(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (org, march) = try await Notices.load(
                Notices.march, name: "tb-12.txt", into: store, publish: false)
            _ = try await Notices.load(Notices.april, name: "tb-20.txt", into: store)
            func check(_ step: String) async throws {
                let listed = try await Self.unitsListed(store, in: org)
                let stored = try await Self.unitsAsStored(store, in: org)
                #expect(listed == stored, "after \(step)")
                #expect(!listed.isEmpty, "after \(step)")
            }
            try await check("the import")
            // April repeats March's first task, but March is a draft: not followed up yet, so
            // nothing carries it over (and its review may delete it).
            #expect(
                try await store.tasks(in: org, TaskQuery(includeDrafts: true)).allSatisfy {
                    $0.carriesOverID == nil
                })

            // The review's edits: new units for a task, a split, a merge, a deletion.
            var version = try #require(try await store.documents(in: org, id: march.documentID).first).version
            let tasks = try await store.tasks(
                in: org, TaskQuery(documentID: march.documentID, includeDrafts: true))
            #expect(tasks.count >= 3)
            version = try await store.editDraft(
                .revise(
                    taskID: tasks[0].id, text: tasks[0].text, lead: ["thanh-tra"],
                    support: ["van-phong", "ke-hoach-tai-chinh"],
                    due: nil),
                documentID: march.documentID, expectedVersion: version, in: org, actor: "test")
            let revised = try #require(try await store.task(id: tasks[0].id))
            #expect(revised.lead.map(\.unitID) == ["thanh-tra"])
            #expect(revised.support.map(\.unitID) == ["van-phong", "ke-hoach-tai-chinh"])
            #expect(revised.lead.first?.unitName == "Thanh tra Sở")
            try await check("a revision")
            version = try await store.editDraft(
                .split(taskID: tasks[0].id, first: "Phần một.", second: "Phần hai."),
                documentID: march.documentID, expectedVersion: version, in: org, actor: "test")
            try await check("a split")
            let afterSplit = try await store.tasks(
                in: org, TaskQuery(documentID: march.documentID, includeDrafts: true)
            ).sorted { $0.position < $1.position }
            version = try await store.editDraft(
                .mergeWithNext(taskID: afterSplit[0].id), documentID: march.documentID,
                expectedVersion: version,
                in: org, actor: "test")
            try await check("a merge")
            _ = try await store.editDraft(
                .delete(taskID: tasks[0].id), documentID: march.documentID, expectedVersion: version, in: org,
                actor: "test")
            try await check("a deletion")

            // A unit renamed in the directory is listed under its new name at once.
            let directory = try await store.directory(of: org)
            var units = directory.units
            let index = try #require(units.firstIndex { $0.id == "van-phong" })
            units[index].name = "Văn phòng Sở (đổi tên)"
            _ = try await store.loadDirectory(
                try UnitDirectory(organization: directory.organization, units: units), slug: org.slug,
                actor: "test")
            try await check("a rename")
            let renamed = try await store.tasks(in: org, TaskQuery(unitID: "van-phong"))
            #expect(!renamed.isEmpty)
            for task in renamed {
                let unit = try #require((task.lead + task.support).first { $0.unitID == "van-phong" })
                #expect(unit.unitName == "Văn phòng Sở (đổi tên)")
            }

            // The separators of the listed text cannot come from a name: they are left out of it.
            let some = try #require(renamed.first)
            try await store.transaction { db in
                try await db.raw(
                    """
                    UPDATE assignment_units SET written_name = \(bind: "Văn\u{1E}phòng\u{1F}Sở")
                    WHERE assignment_id = \(bind: some.id) AND unit_id IS NOT NULL
                    """
                ).run()
            }
            let reread = try #require(try await store.task(id: some.id))
            #expect((reread.lead + reread.support).contains { $0.writtenName == "VănphòngSở" })
            #expect((reread.lead + reread.support).count == (some.lead + some.support).count)
        }
    }

    @Test(arguments: TestDatabases.all)
    func anUnknownOrganizationOrABadSlugIsAClearError(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            do throws(StoreError) {
                _ = try await store.organizationToUse(slug: "ha-tinh", actor: "test")
                Issue.record("an unknown organization was used")
            } catch {
                #expect(error.description.contains("dondoc org load FILE --org ha-tinh"), "\(error)")
            }
            await #expect(throws: StoreError.self) {
                try await store.loadDirectory(.defaultSKHCN, slug: "Hà Tĩnh", actor: "test")
            }
            let organizations = try await store.organizations()
            #expect(organizations.isEmpty)
        }
    }
}

@Suite struct WorkflowStoreTests {
    static let officer = Participant(role: .officer, unitIDs: ["van-phong"], userID: "vp.officer")
    static let head = Participant(role: .unitHead, unitIDs: ["van-phong"], userID: "vp.head")
    static let secretariat = Participant(role: .secretariat, unitIDs: ["van-phong"], userID: "vp.secretariat")
    static let director = Participant(role: .leadership, userID: "giam.doc")

    /// The March notice's first task (Văn phòng leads).
    static func firstTask(_ store: Store) async throws -> (Organization, TaskRecord) {
        let (org, notice) = try await Notices.load(Notices.march, name: "tb-12.txt", into: store)
        let task = try #require(
            try await store.tasks(in: org, TaskQuery(documentID: notice.documentID)).first {
                $0.position == 0
            })
        return (org, task)
    }

    @Test(arguments: TestDatabases.all)
    func aTaskGoesFromAssignedToDoneAndEveryChangeIsAnEvent(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (_, task) = try await Self.firstTask(store)
            let day = Notices.date("2025-03-19")
            var t = try await store.apply(
                .start, toTask: task.id, by: Self.officer, expectedVersion: 1, actor: "t",
                calendar: Notices.calendar, today: day)
            #expect(t.state == .inProgress && t.version == 2)
            t = try await store.apply(
                .reportDone(on: Notices.date("2025-03-18"), note: "Đã trình"), toTask: task.id,
                by: Self.officer, expectedVersion: 2,
                actor: "t", calendar: Notices.calendar, today: day)
            #expect(t.state == .reportedDone && t.reportedDoneOn == Notices.date("2025-03-18"))
            t = try await store.apply(
                .confirmDone, toTask: task.id, by: Self.secretariat, expectedVersion: 3, actor: "t",
                calendar: Notices.calendar, today: day)
            #expect(t.state == .done && t.completedOn == Notices.date("2025-03-18") && t.version == 4)
            let history = try await store.events(ofTask: task.id)
            #expect(history.map(\.kind) == ["created", "started", "reported_done", "confirmed"])
            #expect(history.map(\.version) == [1, 2, 3, 4])
            #expect(history.last?.actor == "vp.secretariat" && history.last?.role == .secretariat)
        }
    }

    @Test(arguments: TestDatabases.all)
    func aChangeFromAStaleVersionIsAConflictAndChangesNothing(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (_, task) = try await Self.firstTask(store)
            let day = Notices.date("2025-03-10")
            try await store.apply(
                .start, toTask: task.id, by: Self.officer, expectedVersion: 1, actor: "t",
                calendar: Notices.calendar, today: day)
            do throws(StoreError) {
                try await store.apply(
                    .reportProgress(note: "Đang hoàn thiện"), toTask: task.id, by: Self.head,
                    expectedVersion: 1, actor: "t",
                    calendar: Notices.calendar, today: day)
                Issue.record("a change from version 1 overwrote version 2")
            } catch {
                guard case .conflict = error else {
                    Issue.record("\(error)")
                    return
                }
                #expect(error.vietnamese.contains("người khác thay đổi"))
            }
            let now = try #require(try await store.task(id: task.id))
            #expect(now.version == 2 && now.state == .inProgress)
            #expect(try await store.events(ofTask: task.id).count == 2)
        }
    }

    @Test(arguments: TestDatabases.all)
    func ofTwoConcurrentChangesFromOneVersionExactlyOneIsSaved(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (_, task) = try await Self.firstTask(store)
            let day = Notices.date("2025-03-10")
            let results = await withTaskGroup(of: Result<TaskRecord, StoreError>.self) { group in
                for note in ["Báo cáo của chuyên viên", "Báo cáo của trưởng phòng"] {
                    group.addTask {
                        do throws(StoreError) {
                            return .success(
                                try await store.apply(
                                    .reportProgress(note: note), toTask: task.id, by: Self.officer,
                                    expectedVersion: 1, actor: "t",
                                    calendar: Notices.calendar, today: day))
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let saved = results.compactMap { try? $0.get() }
            let conflicts = results.filter { if case .failure(.conflict) = $0 { true } else { false } }
            #expect(saved.count == 1 && conflicts.count == 1, "\(results)")
            #expect(try await store.events(ofTask: task.id).map(\.kind) == ["created", "progress"])
        }
    }

    @Test(arguments: TestDatabases.all)
    func theRulesAreEnforcedWithTheirReasons(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (_, task) = try await Self.firstTask(store)
            let day = Notices.date("2025-03-10")
            let stranger = Participant(role: .officer, unitIDs: ["thanh-tra"], userID: "tt.officer")
            await #expect(throws: StoreError.self) {
                try await store.apply(
                    .start, toTask: task.id, by: stranger, expectedVersion: 1, actor: "t",
                    calendar: Notices.calendar, today: day)
            }
            do throws(StoreError) {
                try await store.apply(
                    .stop(reason: "  "), toTask: task.id, by: Self.director, expectedVersion: 1, actor: "t",
                    calendar: Notices.calendar, today: day)
                Issue.record("stopped without a reason")
            } catch {
                guard case .refused = error else {
                    Issue.record("\(error)")
                    return
                }
                #expect(error.vietnamese.contains("lý do"))
            }
            await #expect(throws: StoreError.notFound("task no-such-task")) {
                try await store.apply(
                    .start, toTask: "no-such-task", by: Self.officer, expectedVersion: 1, actor: "t",
                    calendar: Notices.calendar, today: day)
            }
            #expect(try await store.events(ofTask: task.id).count == 1)
        }
    }

    @Test(arguments: TestDatabases.all)
    func anExtensionKeepsBothDeadlinesAndRollsOverADayOff(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (org, task) = try await Self.firstTask(store)
            let day = Notices.date("2025-03-14")
            // 30/3/2025 is a Sunday.
            try await store.apply(
                .requestExtension(to: Notices.date("2025-03-30"), reason: "Chờ ý kiến Sở Tài chính"),
                toTask: task.id, by: Self.head,
                expectedVersion: 1, actor: "t", calendar: Notices.calendar, today: day)
            let pending = try #require(try await store.task(id: task.id))
            #expect(
                pending.pendingExtension == Notices.date("2025-03-30")
                    && pending.deadline == Notices.date("2025-03-20"))
            let t = try await store.apply(
                .approveExtension(to: Notices.date("2025-03-30")), toTask: task.id, by: Self.director,
                expectedVersion: 2, actor: "t",
                calendar: Notices.calendar, today: day)
            #expect(t.dueDate == Notices.date("2025-03-20"))
            #expect(t.extensions == [Notices.date("2025-03-30")])
            #expect(t.deadline == Notices.date("2025-03-31"))
            #expect(t.pendingExtension == nil)
            // Overdue as of 25/3 by the first deadline, no longer by the second.
            #expect(try await store.tasks(in: org, TaskQuery(overdueOn: Notices.date("2025-03-25"))).isEmpty)
            #expect(
                try await store.events(ofTask: task.id).map(\.kind) == [
                    "created", "extension_requested", "extension_approved",
                ])
        }
    }
}

extension WorkflowStoreTests {
    @Test(arguments: TestDatabases.all)
    func aReportKeepsItsAttachedFilesAndAnOversizedFileIsRefused(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (_, task) = try await Self.firstTask(store)
            let day = Notices.date("2025-03-12")
            let report = Data("Báo cáo tiến độ xây dựng Quy chế chi tiêu nội bộ\n".utf8) + Data([0, 255, 7])
            try await store.apply(
                .reportProgress(note: "Đã lấy ý kiến các phòng"), toTask: task.id, by: Self.officer,
                expectedVersion: 1, actor: "t",
                calendar: Notices.calendar, today: day,
                attachments: [
                    AttachmentInput(
                        fileName: "bao-cao.docx", contentType: "application/octet-stream", data: report)
                ])
            let history = try await store.events(ofTask: task.id)
            let attached = try await store.attachments(ofTask: task.id)
            let lastEvent = try #require(history.last)
            let files = try #require(attached[lastEvent.id])
            #expect(files.map(\.fileName) == ["bao-cao.docx"] && files.first?.size == report.count)
            let file = try #require(files.first)
            let (summary, bytes) = try await store.attachmentData(id: file.id)
            #expect(bytes == report && summary.sha256.count == 64)

            let huge = AttachmentInput(
                fileName: "scan.pdf", contentType: "application/pdf",
                data: Data(count: AttachmentInput.maxBytes + 1))
            await #expect(throws: StoreError.self) {
                try await store.apply(
                    .comment(text: "Kèm bản quét"), toTask: task.id, by: Self.officer, expectedVersion: 2,
                    actor: "t",
                    calendar: Notices.calendar, today: day, attachments: [huge])
            }
            let after = try await store.events(ofTask: task.id)
            #expect(after.count == 2)
        }
    }
}

@Suite struct QueryTests {
    @Test(arguments: TestDatabases.all)
    func tasksAreSelectedByUnitStateNoticePeriodAndOverdueDay(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (org, march) = try await Notices.load(Notices.march, name: "tb-12.txt", into: store)
            let (_, april) = try await Notices.load(Notices.april, name: "tb-20.txt", into: store)
            func texts(_ q: TaskQuery) async throws -> [String] {
                try await store.tasks(in: org, q).map { String($0.text.prefix(30)) }
            }
            // As of 15/4: the March tasks due 20/3 and 10/4 are overdue; 5/5 and 25/4 are not yet.
            let overdue = try await store.tasks(in: org, TaskQuery(overdueOn: Notices.date("2025-04-15")))
            #expect(overdue.map(\.deadline) == [Notices.date("2025-03-20"), Notices.date("2025-04-10")])
            #expect(overdue.allSatisfy { $0.documentID == march.documentID })
            // A unit's overdue list is the overdue list kept to the tasks the unit leads (or
            // takes part in, without leadOnly).
            func takesPart(_ task: TaskRecord, _ unit: String) -> Bool {
                (task.lead + task.support).contains { $0.unitID == unit }
            }
            let day = Notices.date("2025-04-15")
            let overdueUnits = Set(overdue.flatMap { ($0.lead + $0.support).compactMap(\.unitID) })
            #expect(overdueUnits.count >= 2)
            for unit in overdueUnits.sorted() {
                let led = try await store.tasks(
                    in: org, TaskQuery(unitID: unit, leadOnly: true, overdueOn: day))
                #expect(
                    led.map(\.id) == overdue.filter { $0.leadUnitIDs.contains(unit) }.map(\.id), "\(unit)")
                let part = try await store.tasks(in: org, TaskQuery(unitID: unit, overdueOn: day))
                #expect(part.map(\.id) == overdue.filter { takesPart($0, unit) }.map(\.id), "\(unit)")
            }
            let everyUnit = Set(
                try await store.tasks(in: org).flatMap { ($0.lead + $0.support).compactMap(\.unitID) })
            let onTime = try #require(everyUnit.subtracting(overdueUnits).sorted().first)
            #expect(try await store.tasks(in: org, TaskQuery(unitID: onTime, overdueOn: day)).isEmpty)
            #expect(try await texts(TaskQuery(unitID: "van-phong")).count == 2)
            #expect(try await texts(TaskQuery(unitID: "ke-hoach-tai-chinh")).count == 1)
            #expect(try await texts(TaskQuery(unitID: "ke-hoach-tai-chinh", leadOnly: true)).isEmpty)
            #expect(try await texts(TaskQuery(documentID: april.documentID)).count == 2)
            #expect(
                try await texts(
                    TaskQuery(assignedIn: Notices.date("2025-04-01")...Notices.date("2025-04-30"))
                ).count == 2)
            let thanhTra = try #require(try await store.tasks(in: org, TaskQuery(unitID: "thanh-tra")).first)
            try await store.apply(
                .start, toTask: thanhTra.id, by: Participant(role: .officer, unitIDs: ["thanh-tra"]),
                expectedVersion: 1, actor: "t",
                calendar: Notices.calendar, today: Notices.date("2025-04-09"))
            #expect(
                try await store.tasks(in: org, TaskQuery(states: [.inProgress])).map(\.id) == [thanhTra.id])
            #expect(try await store.tasks(in: org, TaskQuery(states: [.assigned])).count == 4)
            #expect(try await store.tasks(in: org, TaskQuery(limit: 2)).count == 2)
        }
    }

    /// A unit's lists are read in deadline order from the unit's rows (migration 0010): each must
    /// be the organization's list kept to the tasks the unit takes part in, in the same order and
    /// the same pages.
    @Test(arguments: TestDatabases.all)
    func aUnitsListIsTheOrganizationsListKeptToTheUnitInItsOrderAndPages(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (org, notice) = try await Notices.load(
                """
                SỞ KHOA HỌC VÀ CÔNG NGHỆ
                Số: 40/TB-SKHCN
                Nghệ An, ngày 05 tháng 3 năm 2025

                THÔNG BÁO
                Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng 3/2025

                1. Giao Văn phòng Sở chủ trì, phối hợp với Phòng Hành chính - Tổng hợp rà soát hồ sơ lưu trữ năm 2024, báo cáo trước ngày 20/3/2025.
                2. Giao Thanh tra Sở chủ trì, phối hợp với Văn phòng Sở kiểm tra việc công bố hợp chuẩn, báo cáo trước ngày 20/3/2025.
                3. Giao Văn phòng Sở theo dõi, đôn đốc các đơn vị thực hiện nhiệm vụ được giao.
                4. Giao Phòng Quản lý khoa học chủ trì, phối hợp với Văn phòng Sở rà soát danh mục nhiệm vụ năm 2026, hoàn thành trong tháng 4/2025.
                5. Giao Văn phòng Sở trình Giám đốc Sở dự thảo quy chế văn hóa công sở trước ngày 10/4/2025.
                6. Giao Thanh tra Sở xây dựng kế hoạch thanh tra chuyên ngành năm 2025, báo cáo trước ngày 10/4/2025.
                7. Giao Thanh tra Sở theo dõi việc xử lý đơn thư của công dân.
                """, name: "tb-40.txt", into: store)
            _ = try await Notices.load(Notices.march, name: "tb-12.txt", into: store)
            _ = try await Notices.load(Notices.april, name: "tb-20.txt", into: store)
            // Deadlines shared by tasks of notices issued on other days: the day assigned orders them.
            _ = try await Notices.load(
                """
                SỞ KHOA HỌC VÀ CÔNG NGHỆ
                Số: 44/TB-SKHCN
                Nghệ An, ngày 12 tháng 3 năm 2025

                THÔNG BÁO
                Kết luận của Giám đốc Sở tại cuộc họp với Văn phòng Sở

                1. Giao Văn phòng Sở chuẩn bị nội dung họp giao ban quý I/2025, trình Giám đốc Sở trước ngày 20/3/2025.
                2. Giao Thanh tra Sở chủ trì, phối hợp với Văn phòng Sở tổng hợp đơn thư quý I/2025, báo cáo trước ngày 10/4/2025.
                """, name: "tb-44.txt", into: store)
            let march = try await store.tasks(in: org, TaskQuery(documentID: notice.documentID))
                .sorted { $0.position < $1.position }
            try #require(march.count == 7)
            // Its coordinator's name (Văn phòng's former name) taught as Văn phòng's: the task would
            // name Văn phòng twice, and keeps it once, as its lead.
            #expect(march[0].support.map(\.unitID) == [nil])
            #expect(
                try await store.learnAlias(
                    "Phòng Hành chính - Tổng hợp", for: "van-phong", in: org, actor: "test")
                    == 1)
            let once = try #require(try await store.task(id: march[0].id))
            #expect(once.leadUnitIDs == ["van-phong"] && once.support.isEmpty)
            // States of every kind: one in progress, one done, one stopped.
            let secretariat = Participant(role: .secretariat, unitIDs: ["van-phong"])
            for (task, action) in [
                (march[1], AssignmentAction.start),
                (march[4], .reportDone(on: Notices.date("2025-04-01"), note: "")),
                (march[6], .stop(reason: "Chuyển sang theo dõi thường xuyên")),
            ] {
                try await store.apply(
                    action, toTask: task.id, by: secretariat, expectedVersion: 1, actor: "t",
                    calendar: Notices.calendar, today: Notices.date("2025-04-02"))
            }
            try await store.apply(
                .confirmDone, toTask: march[4].id, by: secretariat, expectedVersion: 2, actor: "t",
                calendar: Notices.calendar, today: Notices.date("2025-04-02"))

            let open: Set<AssignmentState> = [.assigned, .inProgress, .reportedDone]
            let queries: [(String, TaskQuery)] = [
                ("every state", TaskQuery()), ("open", TaskQuery(states: open)),
                ("in progress", TaskQuery(states: [.inProgress])), ("done", TaskQuery(states: [.done])),
                ("done or stopped", TaskQuery(states: [.done, .stopped])),
                ("overdue", TaskQuery(overdueOn: Notices.date("2025-04-15"))),
                ("due from", TaskQuery(dueFrom: Notices.date("2025-04-01"))),
                ("notice", TaskQuery(documentID: notice.documentID)),
                ("words", TaskQuery(text: "rà soát")),
            ]
            var compared = 0
            for unit in ["van-phong", "thanh-tra", "quan-ly-khoa-hoc", "ke-hoach-tai-chinh"] {
                for leadOnly in [false, true] {
                    for (name, query) in queries {
                        let whole = try await store.tasks(in: org, query).filter { task in
                            (leadOnly ? task.lead : task.lead + task.support).contains { $0.unitID == unit }
                        }.map(\.id)
                        var unitQuery = query
                        unitQuery.unitID = unit
                        unitQuery.leadOnly = leadOnly
                        let listed = try await store.tasks(in: org, unitQuery).map(\.id)
                        #expect(listed == whole, "\(unit) \(leadOnly ? "leads" : "takes part"), \(name)")
                        var paged: [String] = []
                        unitQuery.limit = 2
                        while true {
                            unitQuery.offset = paged.count
                            let page = try await store.tasks(in: org, unitQuery).map(\.id)
                            paged += page
                            if page.count < 2 { break }
                        }
                        #expect(
                            paged == whole, "\(unit) \(leadOnly ? "leads" : "takes part"), \(name), by pages")
                        if !whole.isEmpty { compared += 1 }
                    }
                }
            }
            // Most of the comparisons had tasks to compare.
            #expect(compared >= 40)
            let everything = try await store.tasks(in: org, TaskQuery(unitID: "van-phong")).map(\.id)
            #expect(everything.count == Set(everything).count && everything.contains(march[0].id))
        }
    }

    @Test(arguments: TestDatabases.all)
    func searchIgnoresToneMarksAndCaseAndMatchesWordBeginnings(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (org, _) = try await Notices.load(Notices.march, name: "tb-12.txt", into: store)
            let (_, april) = try await Notices.load(Notices.april, name: "tb-20.txt", into: store)
            func found(_ words: String) async throws -> Int {
                try await store.tasks(in: org, TaskQuery(text: words)).count
            }
            #expect(try await found("quy chế chi tiêu") == 2)
            #expect(try await found("QUY CHE CHI TIEU") == 2)
            #expect(try await found("xăng dầu") == 2)
            #expect(try await found("xang") == 2)
            #expect(try await found("đo lường xăng") == 2)
            #expect(try await found("hội đồng tư vấn") == 1)
            #expect(try await found("ang") == 0, "a word's middle is not a match")
            #expect(try await found("máy bay") == 0)
            #expect(try await store.documents(in: org, text: "cột đo").map(\.id) == [april.documentID])
            await #expect(throws: StoreError.self) { _ = try await found("— ; !") }
        }
    }

    @Test(arguments: TestDatabases.all)
    func theCountsOfAPeriodAreEachTasksStandingPerLeadUnit(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (org, march) = try await Notices.load(Notices.march, name: "tb-12.txt", into: store)
            try await Notices.load(Notices.april, name: "tb-20.txt", into: store)
            let tasks = try await store.tasks(in: org, TaskQuery(documentID: march.documentID))
            let vp = try #require(tasks.first { $0.position == 0 })
            let tt = try #require(tasks.first { $0.position == 2 })
            let sec = Participant(role: .secretariat, unitIDs: ["van-phong"])
            // Văn phòng done on 18/3 (due 20/3); Thanh tra done on 14/4 (due 10/4).
            for (task, done) in [(vp, "2025-03-18"), (tt, "2025-04-14")] {
                try await store.apply(
                    .reportDone(on: Notices.date(done), note: ""), toTask: task.id, by: sec,
                    expectedVersion: 1, actor: "t",
                    calendar: Notices.calendar, today: Notices.date("2025-04-20"))
                try await store.apply(
                    .confirmDone, toTask: task.id, by: sec, expectedVersion: 2, actor: "t",
                    calendar: Notices.calendar, today: Notices.date("2025-04-20"))
            }
            // The report of April 2025 covers 15/3–14/4.
            let april = try #require(ReportingPeriod.month(year: 2025, month: 4).range)
            let counts = try await store.counts(in: org, period: april)
            #expect(counts.cutOff == Notices.date("2025-04-14"))
            let aprilTotals: [Int] = NationalStatus.allCases.map { counts.total[$0] }
            #expect(aprilTotals == [1, 1, 3, 0])
            try await Self.expectCountsAreStandings(counts, store, org, period: april)
            // May (15/4–14/5): the two done before 15/4 drop out; 5/5 and 25/4 have passed.
            let may = try #require(ReportingPeriod.month(year: 2025, month: 5).range)
            let later = try await store.counts(in: org, period: may)
            let mayTotals: [Int] = NationalStatus.allCases.map { later.total[$0] }
            #expect(mayTotals == [0, 0, 1, 2])
            try await Self.expectCountsAreStandings(later, store, org, period: may)
            // As of an earlier day within the period.
            let early = try await store.counts(in: org, period: may, asOf: Notices.date("2025-04-20"))
            #expect(early.cutOff == Notices.date("2025-04-20") && early.total.overdue == 0)
            try await Self.expectCountsAreStandings(early, store, org, period: may)
        }
    }

    /// Recomputes the counts task by task with `TaskStanding` and compares them per unit.
    static func expectCountsAreStandings(
        _ counts: PeriodCounts, _ store: Store, _ org: Organization, period: ClosedRange<CalendarDate>
    ) async throws {
        var expected: [String?: [NationalStatus: Int]] = [:]
        var total: [NationalStatus: Int] = [:]
        for task in try await store.tasks(in: org) {
            guard task.state != .stopped, let assigned = task.assignedOn, assigned <= period.upperBound else {
                continue
            }
            if task.state == .done, let done = task.completedOn, done < period.lowerBound { continue }
            let standing = try #require(task.standing(asOf: counts.cutOff, calendar: Notices.calendar))
            total[standing.status, default: 0] += 1
            let leads = task.leadUnitIDs.isEmpty ? [nil] : task.leadUnitIDs.map { Optional($0) }
            for unit in leads { expected[unit, default: [:]][standing.status, default: 0] += 1 }
        }
        for status in NationalStatus.allCases {
            #expect(counts.total[status] == total[status, default: 0], "total \(status)")
        }
        #expect(Set(counts.units.map(\.unitID)) == Set(expected.keys))
        for unit in counts.units {
            for status in NationalStatus.allCases {
                #expect(
                    unit[status] == expected[unit.unitID]?[status, default: 0],
                    "\(unit.unitID ?? "-") \(status)")
            }
        }
    }
}

@Suite struct LockedFileTests {
    /// Another process (here another connection) holds the SQLite file's write lock past the
    /// wait: the import fails as `locked`, and stores nothing.
    @Test func anImportIntoALockedSQLiteFileSaysSoAndStoresNothing() async throws {
        let scratch = try Scratch()
        let path = scratch.path("dondoc.sqlite")
        let holder = try await Store.open(.sqlite(path: path))
        let org = try await holder.organizationToUse(slug: nil, actor: "test")
        let other = try await Store.open(.sqlite(path: path), busyTimeoutMilliseconds: 50)
        let started = AsyncStream<Void>.makeStream()
        async let held: Void = holder.transaction { db in
            try await db.raw("UPDATE organizations SET name = name").run()
            started.continuation.yield()
            try await Task.sleep(for: .milliseconds(1500))
        }
        for await _ in started.stream { break }
        do throws(StoreError) {
            _ = try await other.importNotice(
                NoticeInput(sourceName: "tb-12.txt", text: Notices.march), into: org, publish: true,
                calendar: Notices.calendar,
                actor: "test")
            Issue.record("imported into a locked file")
        } catch {
            #expect(error == .locked("SQLite file \(path)"), "\(error)")
            #expect(error.vietnamese.contains("đang bận"))
        }
        try await held
        #expect(try await Notices.rowCounts(other)["documents"] == 0)
        await other.close()
        await holder.close()
    }
}

extension WorkflowStoreTests {
    /// A unit's overdue list reads the task's deadline from the task's units (`open_deadline`,
    /// kept by triggers): every change of state or deadline must reach it.
    @Test(arguments: TestDatabases.all)
    func aUnitsOverdueListFollowsTheTasksStateAndDeadline(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (org, task) = try await Self.firstTask(store)
            #expect(task.deadline == Notices.date("2025-03-20") && task.leadUnitIDs == ["van-phong"])
            func listed(_ day: String) async throws -> Bool {
                try await store.tasks(
                    in: org, TaskQuery(unitID: "van-phong", leadOnly: true, overdueOn: Notices.date(day))
                ).contains { $0.id == task.id }
            }
            func copiesOutOfStep() async throws -> Int {
                try await store.read { db in
                    try await db.raw(
                        """
                        SELECT count(*) AS n FROM assignment_units au JOIN assignments a ON a.id = au.assignment_id
                        WHERE COALESCE(CASE WHEN a.state IN ('assigned', 'in_progress', 'reported_done')
                            THEN COALESCE(a.deadline, '9999-12-31') END, '') <> COALESCE(au.open_deadline, '')
                        OR au.sort_deadline <> COALESCE(a.deadline, '9999-12-31')
                        """
                    ).first(decoding: Count.self)?.n ?? -1
                }
            }
            func apply(_ action: AssignmentAction, by who: Participant, _ version: Int, on day: String)
                async throws
            {
                _ = try await store.apply(
                    action, toTask: task.id, by: who, expectedVersion: version, actor: "t",
                    calendar: Notices.calendar, today: Notices.date(day))
            }
            let onItsDay = try await listed("2025-03-20")
            let after = try await listed("2025-03-25")
            #expect(!onItsDay && after)

            try await apply(
                .requestExtension(to: Notices.date("2025-03-30"), reason: "Chờ ý kiến"), by: Self.head, 1,
                on: "2025-03-14")
            try await apply(
                .approveExtension(to: Notices.date("2025-03-30")), by: Self.director, 2, on: "2025-03-14")
            let withinExtension = try await listed("2025-03-25")
            let pastExtension = try await listed("2025-04-01")
            #expect(!withinExtension && pastExtension)

            try await apply(.start, by: Self.officer, 3, on: "2025-04-02")
            try await apply(
                .reportDone(on: Notices.date("2025-04-02"), note: "Đã trình"), by: Self.officer, 4,
                on: "2025-04-02")
            let reported = try await listed("2025-04-03")
            #expect(reported)
            try await apply(.confirmDone, by: Self.secretariat, 5, on: "2025-04-03")
            let confirmed = try await listed("2025-04-03")
            #expect(!confirmed)
            let outOfStep = try await copiesOutOfStep()
            #expect(outOfStep == 0)
        }
    }

    /// A unit's open tasks (the web list's default) come from the same index as its overdue list,
    /// and include the open tasks that have no deadline.
    @Test(arguments: TestDatabases.all)
    func aUnitsOpenTasksIncludeTheOnesWithoutADeadlineAndLeaveWhenDone(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (org, _) = try await Notices.load(
                """
                SỞ KHOA HỌC VÀ CÔNG NGHỆ
                Số: 31/TB-SKHCN
                Nghệ An, ngày 05 tháng 3 năm 2025

                THÔNG BÁO
                Kết luận của Giám đốc Sở tại cuộc họp với các đơn vị

                1. Giao Văn phòng Sở theo dõi, đôn đốc các đơn vị thực hiện nhiệm vụ được giao.
                2. Giao Văn phòng Sở chủ trì tổng hợp báo cáo quý I/2025, trình Giám đốc Sở trước ngày 20/3/2025.
                3. Giao Phòng Quản lý khoa học chủ trì, phối hợp với Văn phòng Sở rà soát danh mục nhiệm vụ năm 2026, hoàn thành trong tháng 4/2025.
                4. Giao Thanh tra Sở kiểm tra việc thực hiện kết luận thanh tra năm 2024, báo cáo trước ngày 10/4/2025.
                """, name: "tb-31.txt", into: store)
            let all = try await store.tasks(in: org)
            #expect(all.count == 4)
            let standing = try #require(all.first { $0.text.contains("theo dõi, đôn đốc") })
            #expect(standing.deadline == nil)
            let report = try #require(all.first { $0.text.contains("báo cáo quý") })
            let open: Set<AssignmentState> = [.assigned, .inProgress, .reportedDone]
            func openList(_ leadOnly: Bool) async throws -> Set<String> {
                Set(
                    try await store.tasks(
                        in: org, TaskQuery(unitID: "van-phong", leadOnly: leadOnly, states: open)
                    )
                    .map(\.id))
            }
            func expected(_ tasks: [TaskRecord], _ leadOnly: Bool) -> Set<String> {
                Set(
                    tasks.filter { task in
                        !task.state.isClosed
                            && (leadOnly ? task.lead : task.lead + task.support).contains {
                                $0.unitID == "van-phong"
                            }
                    }.map(\.id))
            }
            // Rows written before migration 0007 held NULL for such a task: its last statement
            // fills them in.
            try await store.write { db in
                try await db.raw(
                    "UPDATE assignment_units SET open_deadline = NULL WHERE assignment_id = \(bind: standing.id)"
                ).run()
            }
            let beforeBackfill = try await openList(true)
            #expect(!beforeBackfill.contains(standing.id))
            let backfill = try #require(openTasks.statements(dialect).last)
            #expect(backfill.hasPrefix("UPDATE assignment_units"))
            try await store.write { try await $0.raw(SQLQueryString(backfill)).run() }

            let led = try await openList(true)
            let takenPart = try await openList(false)
            #expect(led == expected(all, true) && led.count == 2 && led.contains(standing.id))
            #expect(takenPart == expected(all, false) && takenPart.count == 3)
            // A task without a deadline is never overdue.
            let overdue = try await store.tasks(
                in: org, TaskQuery(unitID: "van-phong", overdueOn: Notices.date("2030-01-01")))
            #expect(!overdue.contains { $0.id == standing.id } && overdue.contains { $0.id == report.id })

            for (action, who, version) in [
                (
                    AssignmentAction.reportDone(on: Notices.date("2025-03-18"), note: "Đã trình"),
                    Self.officer, 1
                ),
                (.confirmDone, Self.secretariat, 2),
            ] {
                _ = try await store.apply(
                    action, toTask: report.id, by: who, expectedVersion: version, actor: "t",
                    calendar: Notices.calendar, today: Notices.date("2025-03-19"))
            }
            let afterDone = try await openList(true)
            #expect(afterDone == [standing.id])
            // Lists that name a closed state, or none, still read every task of the unit.
            let done = try await store.tasks(in: org, TaskQuery(unitID: "van-phong", states: [.done]))
            #expect(done.map(\.id) == [report.id])
            #expect(try await store.tasks(in: org, TaskQuery(unitID: "van-phong")).count == 3)
        }
    }

    /// A record from before migration 0010: a unit named twice on a task, no sort key. The
    /// migration fills the key and keeps the unit once, on its lead's row.
    @Test(arguments: TestDatabases.all)
    func migration0010GivesEveryUnitItsSortKeyAndKeepsAUnitOncePerTask(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let (org, task) = try await Self.firstTask(store)
            #expect(task.leadUnitIDs == ["van-phong"] && task.support.map(\.unitID) == ["ke-hoach-tai-chinh"])
            let statements = unitLists.statements(dialect)
            let backfill = try #require(
                statements.first { $0.hasPrefix("UPDATE assignment_units") && $0.contains("sort_deadline") })
            let once = try #require(statements.first { $0.contains("DELETE FROM assignment_units") })
            let unique = try #require(
                statements.first { $0.contains("CREATE UNIQUE INDEX assignment_units_once") })
            try await store.write { db in
                try await db.raw("DROP INDEX assignment_units_once").run()
                try await db.raw(
                    """
                    INSERT INTO assignment_units (assignment_id, role, position, written_name, unit_id, matched_by)
                    VALUES (\(bind: task.id), 'support', 1, '*', \(bind: org.id + ":van-phong"), 'all')
                    """
                ).run()
                try await db.raw("UPDATE assignment_units SET sort_deadline = '\(unsafeRaw: Store.openEnd)'")
                    .run()
            }
            let twice = try #require(try await store.task(id: task.id))
            #expect(twice.support.map(\.unitID) == ["ke-hoach-tai-chinh", "van-phong"])
            try await store.write { db in
                for statement in [backfill, once, unique] {
                    try await db.raw(SQLQueryString(statement)).run()
                }
            }
            let after = try #require(try await store.task(id: task.id))
            #expect(
                after.leadUnitIDs == ["van-phong"] && after.support.map(\.unitID) == ["ke-hoach-tai-chinh"])
            func count(_ condition: String) async throws -> Int {
                try await store.read { db in
                    try await db.raw(
                        "SELECT count(*) AS n FROM assignment_units au JOIN assignments a ON a.id = au.assignment_id WHERE \(unsafeRaw: condition)"
                    ).first(decoding: Count.self)?.n ?? -1
                }
            }
            let wrongKeys = try await count("au.sort_deadline <> COALESCE(a.deadline, '\(Store.openEnd)')")
            let rightKeys = try await count("au.sort_deadline = a.deadline")
            #expect(wrongKeys == 0 && rightKeys == 4)
            let listed = try await store.tasks(in: org, TaskQuery(unitID: "van-phong", states: [.assigned]))
            #expect(listed.map(\.id).filter { $0 == task.id }.count == 1)
        }
    }

    struct Count: Decodable { let n: Int }
}
