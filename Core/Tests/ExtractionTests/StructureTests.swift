import Deadlines
import Testing

@testable import Extraction

/// Labels, header, closing and references: the structure of the genre.
@Suite struct StructureTests {
    @Test(arguments: [
        ("I. MỤC ĐÍCH - YÊU CẦU", "roman", "I"),
        ("IV. TỔ CHỨC THỰC HIỆN", "roman", "IV"),
        ("1. Giao Thanh tra Sở", "arabic1", "1"),
        ("2.1. Văn phòng:", "arabic2", "2.1"),
        ("6.2 Đối với đơn vị được kiểm tra: Chuẩn bị", "arabic2", "6.2"),
        ("(3) Đôn đốc nộp sản phẩm", "paren", "3"),
        ("6) Khẩn trương phối hợp", "paren", "6"),
        ("(10). Khẩn trương tham mưu", "paren", "10"),
        ("a) Chủ trì, phối hợp", "letter", "a"),
        ("đ) Chủ trì, phối hợp", "letter", "đ"),
        ("- Chấn chỉnh kỷ cương", "dash", ""),
        ("• Rà soát văn bản", "bullet", ""),
        ("* Rà soát văn bản", "bullet", ""),
        ("+ Hoàn thiện hạ tầng", "plus", ""),
        ("(i) Hỗ trợ doanh nghiệp", "romanLower", "i"),
    ])
    func label(line: String, style: String, value: String) throws {
        let (label, _) = try #require(Label.parse(Substring(line)))
        let name: String =
            switch label.style {
            case .roman: "roman"
            case .arabic(let d): "arabic\(d)"
            case .parenNumber: "paren"
            case .letter: "letter"
            case .romanLower: "romanLower"
            case .dash: "dash"
            case .plus: "plus"
            case .bullet: "bullet"
            }
        #expect(name == style)
        #expect(label.value == value)
    }

    @Test(arguments: ["2024 - 2025", "1.280 tỷ đồng", "Viện Khoa học", "12/2020 là năm", "Về công tác"])
    func notALabel(line: String) {
        #expect(Label.parse(Substring(line)) == nil)
    }

    @Test func headerAsTableRows() {
        let text = """
            | ĐOÀN ĐBQH VÀ HĐND<br>VĂN PHÒNG<br>Số:      /TB-VP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>*TP. Hồ Chí Minh, ngày     tháng 7 năm 2026* |
            |---|---|

            # THÔNG BÁO

            **Ý kiến kết luận tại cuộc họp giao ban tuần thứ 30**

            Ngày 28 tháng 7 năm 2026, đồng chí Võ Văn Minh đã chủ trì cuộc họp giao ban.
            """
        let doc = NoticeParser.extract(text: text, source: "x.md").document
        #expect(doc.kind == "thong-bao")
        #expect(doc.number == nil)
        #expect(doc.symbol == "TB-VP")
        #expect(doc.place == "TP. Hồ Chí Minh")
        #expect(doc.issued == "2026-07")
        #expect(doc.title == "Ý kiến kết luận tại cuộc họp giao ban tuần thứ 30")
        #expect(doc.meeting?.date == CalendarDate(year: 2026, month: 7, day: 28))
        #expect(doc.meeting?.chair == "Võ Văn Minh")
    }

    @Test(arguments: [
        ("Số: 709 /SKHCN-VP", "709", "SKHCN-VP"),
        ("Số: /TB-SKHCN", nil, "TB-SKHCN"),
        ("Số 3260-KH/ĐĐQH15", "3260", "KH/ĐĐQH15"),
        ("Số: 09/KH-BTNMT", "09", "KH-BTNMT"),
    ] as [(String, String?, String?)])
    func numberAndSymbol(line: String, number: String?, symbol: String?) {
        let (n, s) = HeaderParser.numberAndSymbol([line])
        #expect(n == number)
        #expect(s == symbol)
    }

    @Test func letterIsCongVan() {
        let text = "UBND TỈNH X\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\nSố: 15/SKHCN-VP\nV/v triển khai kế hoạch chuyển đổi số\n\nKính gửi: Các phòng, đơn vị thuộc Sở.\n"
        let doc = NoticeParser.extract(text: text, source: "x.txt").document
        #expect(doc.kind == "cong-van")
        #expect(doc.title == "triển khai kế hoạch chuyển đổi số")
    }

    @Test func signatureAndRecipients() {
        let text = """
            THÔNG BÁO
            Kết luận giao ban

            1. Giao Văn phòng
            - Tổng hợp báo cáo.

            Nơi nhận:
            - Ban Giám đốc (Chỉ đạo);
            - Đảng ủy; BGĐ Sở;
            - Lưu: VT, TH (Thắng).

            TL.GIÁM ĐỐC
            KT. CHÁNH VĂN PHÒNG
            PHÓ CHÁNH VĂN PHÒNG

            Nguyễn Thị Thu Mỹ
            """
        let doc = NoticeParser.extract(text: text, source: "x.txt").document
        #expect(doc.recipients == ["Ban Giám đốc", "Đảng ủy", "BGĐ Sở", "Lưu: VT, TH (Thắng)"])
        #expect(doc.signer.authority == "TL. GIÁM ĐỐC KT. CHÁNH VĂN PHÒNG")
        #expect(doc.signer.position == "PHÓ CHÁNH VĂN PHÒNG")
        #expect(doc.signer.name == "Nguyễn Thị Thu Mỹ")
    }

    @Test func references() {
        let text =
            "Theo Quyết định 03/2016/QĐ-UBND, Nghị quyết số 57-NQ/TW, Luật số 146/2025/QH15, Nghị định số 217/2025/NĐ-CP; không phải Nghị quyết 06, TCVN ISO 9001:2015, ngày 16/04/2021 hay Quý IV/2022; lặp lại 03/2016/qđ-ubnd."
        #expect(
            ReferenceFinder.find(in: [text], excluding: nil) == [
                "03/2016/QĐ-UBND", "57-NQ/TW", "146/2025/QH15", "217/2025/NĐ-CP",
            ])
    }

    @Test func closingRequestSetsReportDue() {
        let text = """
            THÔNG BÁO KẾT LUẬN GIAO BAN THÁNG 8/2021

            Ngày 9/8/2021, Sở tổ chức giao ban.

            1. Giao Văn phòng Sở
            - Tham mưu đẩy mạnh cải cách hành chính.

            Đề nghị các phòng ban, đơn vị triển khai thực hiện kết luận và báo cáo kết quả về Văn phòng sở trước ngày 31/8/2021.

            Nơi nhận:
            - Lưu VT.
            """
        let result = NoticeParser.extract(text: text, source: "x.txt")
        #expect(result.document.reportDue == CalendarDate(year: 2021, month: 8, day: 31))
        #expect(result.tasks.count == 1)
        #expect(result.tasks.first?.lead == ["Văn phòng Sở"])
        #expect(result.document.period == DateRange(start: CalendarDate(year: 2021, month: 8, day: 1)!, end: CalendarDate(year: 2021, month: 8, day: 31)!))
    }

    @Test func layoutTextJoinsWrappedLinesAndDropsPageNumbers() {
        let text = """
                  1. Giao Sở Công Thương
                  - Rà soát các dự án chậm tiến độ trên địa bàn, báo cáo UBND tỉnh trước ngày
            15/6/2026; đề xuất thu hồi các dự án vi phạm.
                  - Hướng dẫn doanh nghiệp thực hiện thủ tục thu hồi khoáng sản1.
                                           2

            Kiểm tra việc chấp hành quy định.
                  - Phối hợp với Sở Xây dựng
            thẩm định dự án.
            """
        let tasks = NoticeParser.extract(text: text, source: "x.txt").tasks
        #expect(tasks.count == 3)
        #expect(tasks.first?.due?.rule == .date(CalendarDate(year: 2026, month: 6, day: 15)!))
        #expect(tasks.dropFirst().first?.text == "Hướng dẫn doanh nghiệp thực hiện thủ tục thu hồi khoáng sản. Kiểm tra việc chấp hành quy định.")
        #expect(tasks.last?.support == ["Sở Xây dựng"])
        #expect(tasks.allSatisfy { $0.lead == ["Sở Công Thương"] })
    }

    @Test func emptyAndUnstructuredInputGiveAnEmptyExtraction() {
        #expect(NoticeParser.extract(text: "", source: "e.txt").tasks.isEmpty)
        let words = String(repeating: "lorem ipsum dolor ", count: 2000)
        let r = NoticeParser.extract(text: words, source: "w.txt")
        #expect(r.document.kind == "khac")
        #expect(r.tasks.count <= 1)
    }
}
