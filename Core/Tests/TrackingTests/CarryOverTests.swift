import Foundation
import Testing

@testable import Tracking

/// Carry-over on task pairs written the way briefing notices write them (several taken from the
/// corpus, Tests/Corpus/docs): the later notice's task, the open task it repeats, and near
/// misses that must stay apart.
@Suite struct CarryOverTests {
    static let qlkh = "Phòng Quản lý khoa học"
    static let tccb = "Văn phòng Sở"
    static let tdc = "Chi cục Tiêu chuẩn Đo lường Chất lượng"
    static let ttra = "Thanh tra Sở"
    static let ban = "Ban Văn hóa - Xã hội"

    /// An earlier task still open, and the later notice's task that carries it over.
    struct Pair: Sendable, CustomTestStringConvertible {
        let earlier: String
        let later: String
        let lead: String
        var testDescription: String { String(later.prefix(50)) }
    }

    static let carriedOver: [Pair] = [
        // Shortened and reworded two months later.
        Pair(
            earlier:
                "Chủ trì, phối hợp với Phòng Kế hoạch – Tài chính xây dựng Đề án sắp xếp, tổ chức lại các đơn vị sự nghiệp công lập trực thuộc Sở, trình Giám đốc Sở trước ngày 30/4/2025.",
            later:
                "Tiếp tục hoàn thiện Đề án sắp xếp, tổ chức lại các đơn vị sự nghiệp công lập trực thuộc Sở, trình Giám đốc Sở trong tháng 6/2025.",
            lead: tccb),
        // Named by its document number only, urged ("Khẩn trương").
        Pair(
            earlier:
                "Tham mưu UBND tỉnh ban hành Kế hoạch triển khai Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia.",
            later:
                "Khẩn trương tham mưu UBND tỉnh ban hành Kế hoạch triển khai Nghị quyết số 57-NQ/TW của Bộ Chính trị.",
            lead: qlkh),
        // From the corpus: the same item, a new opening and a list number.
        Pair(
            earlier:
                "Tham mưu Giám đốc Sở trình UBND tỉnh dự thảo Kế hoạch hoạt động KH&CN & ĐMST giai đoạn 2021 - 2025.",
            later:
                "(10). Khẩn trương tham mưu Lãnh đạo Sở trình UBND tỉnh dự thảo Kế hoạch hoạt động KH&CN & ĐMST giai đoạn 2021 - 2025.",
            lead: qlkh),
        Pair(
            earlier:
                "Đôn đốc các chủ nhiệm nhiệm vụ KH&CN hoàn thành hồ sơ nghiệm thu, công bố kết quả các nhiệm vụ đã kết thúc trong năm 2024.",
            later: "Tiếp tục đôn đốc hoàn thành hồ sơ nghiệm thu các nhiệm vụ KH&CN đã kết thúc năm 2024.",
            lead: qlkh),
        Pair(
            earlier:
                "Khẩn trương nghiên cứu, tham mưu Lãnh đạo Sở xem xét, trình UBND tỉnh cho chủ trương áp dụng thí điểm Tiêu chuẩn TCVN ISO 18091:2020 vào hoạt động của chính quyền địa phương trên địa bàn tỉnh.",
            later:
                "Tiếp tục hoàn thiện hồ sơ trình UBND tỉnh chủ trương áp dụng thí điểm TCVN ISO 18091:2020 tại chính quyền địa phương.",
            lead: tdc),
        Pair(
            earlier:
                "Khẩn trương tham mưu báo cáo đối với dự án Nhà máy Bột - Giấy VNT19 theo yêu cầu của Thanh tra tỉnh.",
            later: "Tiếp tục tham mưu báo cáo Thanh tra tỉnh về dự án Nhà máy Bột - Giấy VNT19.",
            lead: ttra),
        Pair(
            earlier:
                "Tổ chức kiểm tra việc chấp hành pháp luật về đo lường, chất lượng đối với xăng dầu trên địa bàn tỉnh.",
            later:
                "Tiếp tục kiểm tra đo lường, chất lượng xăng dầu trên địa bàn tỉnh, báo cáo kết quả trước ngày 30/6.",
            lead: tdc),
        // From the corpus (HĐND): the later item adds a second matter.
        Pair(
            earlier:
                "Theo dõi công tác chuẩn bị năm học mới 2026-2027, công tác tuyển sinh đầu cấp và cung ứng sách giáo khoa.",
            later:
                "Tiếp tục theo dõi công tác chuẩn bị năm học mới, công tác tuyển sinh đầu cấp và cung ứng sách giáo khoa; chuẩn bị và tổ chức chu đáo chương trình \"Dân hỏi - Chính quyền trả lời\" định kỳ tháng 8/2026.",
            lead: ban),
        // No continuation word: the same task written again with its deadline.
        Pair(
            earlier:
                "Rà soát, hoàn thiện hồ sơ đề nghị công nhận sáng kiến cấp tỉnh năm 2025, gửi Hội đồng sáng kiến tỉnh.",
            later:
                "Hoàn thiện hồ sơ đề nghị công nhận sáng kiến cấp tỉnh năm 2025 gửi Hội đồng sáng kiến tỉnh trước ngày 15/10/2025.",
            lead: tccb),
        Pair(
            earlier: "Xây dựng Đề án chuyển đổi số của Sở giai đoạn 2025-2030.",
            later:
                "Hoàn thiện Đề án chuyển đổi số của Sở giai đoạn 2025 - 2030, trình Giám đốc Sở phê duyệt.",
            lead: tccb),
    ]

    /// The same lead, a different matter: the shared words are the genre's, not the subject's.
    static let differentSubjects: [Pair] = [
        Pair(
            earlier: "Tham mưu UBND tỉnh ban hành Kế hoạch chuyển đổi số năm 2025.",
            later:
                "Tiếp tục tham mưu UBND tỉnh ban hành Kế hoạch phát triển thị trường khoa học và công nghệ năm 2025.",
            lead: qlkh),
        // From the corpus: two "Khẩn trương hoàn thành" items of one notice.
        Pair(
            earlier:
                "Khẩn trương hoàn thành hồ sơ các nhiệm vụ KH&CN đã nghiệm thu, công bố kết quả trong năm 2020, không để kéo dài qua năm 2021.",
            later:
                "Khẩn trương hoàn thành các nội dung, khối lượng công việc theo Kế hoạch năm đã ban hành, đồng thời kịp thời cập nhật hồ sơ chứng từ để thanh toán kinh phí.",
            lead: qlkh),
        Pair(
            earlier: "Thẩm định, phê duyệt thuyết minh các nhiệm vụ KH&CN cấp tỉnh đặt hàng năm 2026.",
            later:
                "Tiếp tục đôn đốc các chủ nhiệm nhiệm vụ KH&CN nộp hồ sơ đăng ký kết quả thực hiện nhiệm vụ.",
            lead: qlkh),
        Pair(
            earlier:
                "Tổ chức kiểm tra việc chấp hành pháp luật về đo lường, chất lượng đối với xăng dầu trên địa bàn tỉnh.",
            later: "Tiếp tục kiểm tra an toàn bức xạ tại các cơ sở y tế trên địa bàn tỉnh.",
            lead: tdc),
        Pair(
            earlier:
                "Hướng dẫn các tổ chức, cá nhân đăng ký nhãn hiệu chứng nhận cho sản phẩm OCOP của tỉnh.",
            later:
                "Tiếp tục hướng dẫn các doanh nghiệp đăng ký tham gia Giải thưởng chất lượng quốc gia năm 2025.",
            lead: tdc),
        // A periodic report is a new task each quarter, not a carry-over.
        Pair(
            earlier: "Báo cáo kết quả thực hiện nhiệm vụ quý I/2025 gửi Văn phòng Sở.",
            later: "Báo cáo kết quả thực hiện nhiệm vụ quý II/2025 gửi Văn phòng Sở.",
            lead: ttra),
        Pair(
            earlier:
                "Thanh tra việc chấp hành pháp luật về an toàn bức xạ tại các cơ sở X-quang trên địa bàn tỉnh.",
            later:
                "Tiếp tục thanh tra việc thực hiện các nhiệm vụ KH&CN sử dụng ngân sách nhà nước giai đoạn 2021-2023.",
            lead: ttra),
    ]

    @Test(arguments: carriedOver)
    func linksARepeatedTask(pair: Pair) throws {
        let match = try #require(
            CarryOver.findPredecessor(
                of: (pair.later, [pair.lead]), among: [("t-41", pair.earlier, [pair.lead])]),
            "score \(CarryOver.similarity(pair.earlier, pair.later))")
        #expect(match.id == "t-41")
        #expect(match.continuation == CarryOver.isContinuation(pair.later))
    }

    @Test(arguments: differentSubjects)
    func keepsADifferentMatterApart(pair: Pair) {
        let match = CarryOver.findPredecessor(
            of: (pair.later, [pair.lead]), among: [("t-41", pair.earlier, [pair.lead])])
        #expect(match == nil, "score \(CarryOver.similarity(pair.earlier, pair.later))")
    }

    /// The same matter given to another unit is that unit's task, not a repeat.
    @Test(arguments: carriedOver)
    func keepsAnotherLeadApart(pair: Pair) {
        let other = pair.lead == Self.qlkh ? Self.tdc : Self.qlkh
        #expect(
            CarryOver.findPredecessor(of: (pair.later, [pair.lead]), among: [("t-41", pair.earlier, [other])])
                == nil)
        // A task without a lead links to nothing.
        #expect(CarryOver.findPredecessor(of: (pair.later, []), among: [("t-41", pair.earlier, [])]) == nil)
    }

    /// Among a unit's open tasks (of several notices), the one repeated; leads compared folded,
    /// and a shared lead among several suffices.
    @Test func picksTheRepeatedTaskAmongOpenOnes() throws {
        let open: [(id: String, text: String, leads: [String])] = [
            ("t-12", "Tham mưu UBND tỉnh ban hành Kế hoạch chuyển đổi số năm 2025.", [Self.qlkh]),
            (
                "t-17",
                "Đôn đốc các chủ nhiệm nhiệm vụ KH&CN hoàn thành hồ sơ nghiệm thu, công bố kết quả các nhiệm vụ đã kết thúc trong năm 2024.",
                [Self.qlkh]
            ),
            (
                "t-18",
                "Tham mưu UBND tỉnh ban hành Kế hoạch triển khai Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia.",
                [Self.qlkh, "Phòng Kế hoạch - Tài chính"]
            ),
            ("t-20", "Hoàn thiện hồ sơ nghiệm thu các nhiệm vụ KH&CN đã kết thúc năm 2024.", [Self.tdc]),
            (
                "t-23", "Thẩm định, phê duyệt thuyết minh các nhiệm vụ KH&CN cấp tỉnh đặt hàng năm 2026.",
                [Self.qlkh]
            ),
        ]
        let resolution = try #require(
            CarryOver.findPredecessor(
                of: (
                    "Khẩn trương tham mưu UBND tỉnh ban hành Kế hoạch triển khai Nghị quyết 57-NQ/TW của Bộ Chính trị.",
                    ["PHÒNG QUẢN LÝ KHOA HỌC"]
                ),
                among: open))
        #expect(resolution.id == "t-18" && resolution.continuation)
        let records = try #require(
            CarryOver.findPredecessor(
                of: (
                    "Tiếp tục đôn đốc hoàn thành hồ sơ nghiệm thu các nhiệm vụ KH&CN đã kết thúc năm 2024.",
                    [Self.qlkh]
                ), among: open))
        #expect(records.id == "t-17")  // t-20 reads closer but belongs to another unit
        #expect(
            CarryOver.findPredecessor(
                of: ("Tổ chức Ngày hội khởi nghiệp đổi mới sáng tạo tỉnh năm 2025.", [Self.qlkh]), among: open
            ) == nil)
    }

    /// "Tiếp tục" lowers the bar: a repeat reworded so that only about half its subject remains
    /// links when the text says it continues, not otherwise.
    @Test func continuationLowersTheThreshold() throws {
        let earlier =
            "Tham mưu UBND tỉnh ban hành Kế hoạch triển khai Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia."
        let bare = "Tham mưu UBND tỉnh ban hành Kế hoạch triển khai Nghị quyết số 57-NQ/TW của Bộ Chính trị."
        let score = CarryOver.similarity(earlier, bare)
        #expect(score >= CarryOver.continuationThreshold && score < CarryOver.threshold)
        #expect(
            CarryOver.findPredecessor(of: (bare, [Self.qlkh]), among: [("t-1", earlier, [Self.qlkh])]) == nil)
        let match = try #require(
            CarryOver.findPredecessor(
                of: ("Tiếp tục " + bare.prefix(1).lowercased() + bare.dropFirst(), [Self.qlkh]),
                among: [("t-1", earlier, [Self.qlkh])]))
        #expect(match.continuation && match.score == score)
    }

    @Test func subjectOfATask() {
        #expect(
            CarryOver.subjectWords(
                of:
                    "(2) Tiếp tục hoàn thiện Đề án sắp xếp, tổ chức lại các đơn vị sự nghiệp công lập trực thuộc Sở, trình Giám đốc Sở trước ngày 30/4/2025."
            )
                == ["de", "an", "sap", "xep", "lai", "su", "nghiep", "cong", "lap"])
        // Document numbers and year ranges stay; dates and months go.
        #expect(
            CarryOver.subjectWords(
                of:
                    "Triển khai Kế hoạch số 217/KH-UBND ngày 16/04/2021 giai đoạn 2021-2025, báo cáo trong tháng 6/2021."
            ) == ["217", "kh", "giai", "doan", "2021", "2025"])
        #expect(CarryOver.isContinuation("- Phòng tiếp tục theo dõi, đôn đốc"))
        #expect(CarryOver.isContinuation("a) Khẩn trương hoàn thành"))
        #expect(!CarryOver.isContinuation("Tổ chức thực hiện, báo cáo kết quả và tiếp tục theo dõi"))
        // Diacritics, case and decomposed input do not matter.
        let text = "Xây dựng Đề án chuyển đổi số của Sở giai đoạn 2025-2030."
        #expect(CarryOver.similarity(text, text.uppercased().decomposedStringWithCanonicalMapping) == 1)
        #expect(CarryOver.similarity(text, "Tổ chức Ngày hội khởi nghiệp đổi mới sáng tạo") == 0)
        #expect(CarryOver.similarity("Tiếp tục", "Khẩn trương thực hiện") == 0)
    }
}
