import Deadlines
import Testing

@testable import Extraction

/// The deadline table of the corpus README, as inputs and outputs.
@Suite struct DeadlineRuleTests {
    static let issued = CalendarDate(year: 2021, month: 8, day: 10)!

    static func d(_ y: Int, _ m: Int, _ day: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: day)! }

    static let cases: [(String, Due.Rule?)] = [
        ("Trình phương án tự chủ hoàn tất trước 15/8.", .date(d(2021, 8, 15))),
        ("Hoàn thành báo cáo trước ngày 10/6/2022.", .date(d(2022, 6, 10))),
        ("Tổng hợp biểu (Hoàn thành ngày 07/10/2021).", .date(d(2021, 10, 7))),
        ("Gửi dự thảo chậm nhất 20/12.", .date(d(2021, 12, 20))),
        // Year rule: more than two months before issue → next year.
        ("Hoàn thành trước 15/01.", .date(d(2022, 1, 15))),
        ("Tổ chức hội nghị trong tháng 12/2020.", .period(start: d(2020, 12, 1), end: d(2020, 12, 31))),
        ("Thực hiện trong năm 2020.", .period(start: d(2020, 1, 1), end: d(2020, 12, 31))),
        ("Hoàn thành trong quý IV/2022.", .period(start: d(2022, 10, 1), end: d(2022, 12, 31))),
        ("Hoàn thành trong quý IV năm 2026.", .period(start: d(2026, 10, 1), end: d(2026, 12, 31))),
        ("Triển khai trong 3 tháng cuối năm 2022.", .period(start: d(2022, 10, 1), end: d(2022, 12, 31))),
        ("Thực hiện từ năm 2021.", .from(start: d(2021, 1, 1))),
        ("Thực hiện nhiệm vụ thường xuyên hàng năm.", .recurring(every: .year, day: nil)),
        ("Tổ chức ngày chủ nhật xanh hằng tháng.", .recurring(every: .month, day: nil)),
        ("Báo cáo về Sở trước ngày 20 hằng tháng.", .recurring(every: .month, day: 20)),
        ("Báo cáo trước ngày 15 của tháng cuối cùng hàng quý.", .recurring(every: .quarter, day: 15)),
        (
            "Quyết toán (không quá 07 ngày làm việc kể từ khi nhận được hồ sơ hợp lệ).",
            .relative(count: 7, unit: .workingDay, after: "nhận được hồ sơ hợp lệ")
        ),
        (
            "Thanh toán không quá 03 ngày kể từ khi được Ban giám đốc phê duyệt.",
            .relative(count: 3, unit: .day, after: "được Ban giám đốc phê duyệt")
        ),
        ("Thường xuyên rà soát các dự án chậm tiến độ.", .continuing),
        ("Cập nhật cơ sở dữ liệu (thường xuyên).", .continuing),
        // Not deadlines: urgency, objects, conditions, vague times, cited documents' dates.
        ("Khẩn trương hoàn thiện hồ sơ.", nil),
        ("Kịp thời báo cáo những vướng mắc.", nil),
        ("Xây dựng Kế hoạch hoạt động KH&CN năm 2021.", nil),
        ("Thanh toán khối lượng hoàn thành trong năm 2020 để giải ngân.", nil),
        ("Tham mưu Chiến lược phát triển đến năm 2030.", nil),
        ("Chuẩn bị hồ sơ dự án giai đoạn 2021-2025.", nil),
        ("Bố trí phòng làm việc sau khi có quyết định thành lập Sở.", nil),
        ("Triển khai Kế hoạch số 217/KH-UBND ngày 16/04/2021 của UBND tỉnh.", nil),
        ("Nghiên cứu phương án trong thời gian tới.", nil),
        ("Tổ chức nghiệm thu các nhiệm vụ thường xuyên theo chức năng.", nil),
        ("Phát động phong trào “Chung tay trong năm 2025”.", nil),
    ]

    @Test(arguments: cases)
    func deadline(text: String, expected: Due.Rule?) {
        let found = DeadlineFinder(Tokens(text), reference: Self.issued).find().due
        #expect(found?.rule == expected, "\(text)")
    }

    @Test func theLatestDeadlineEndsTheWork() {
        // Arrange: three steps, a date and two spans after events.
        let text =
            "Tổng hợp biểu (Hoàn thành ngày 07/10/2022). Quyết toán (không quá 07 ngày làm việc kể từ khi nhận được hồ sơ hợp lệ). Thanh toán không quá 03 ngày kể từ khi được phê duyệt."
        // Act
        let (due, milestones) = DeadlineFinder(Tokens(text), reference: Self.d(2022, 10, 3)).find()
        // Assert
        #expect(due?.kind == "relative")
        #expect(milestones.count == 2)
    }

    @Test func deadlineTextIsTheSpanAsWritten() {
        let due = DeadlineFinder(Tokens("Trình phương án hoàn tất trước 15/8."), reference: Self.issued).find().due
        #expect(due?.text == "hoàn tất trước 15/8")
    }

    @Test(arguments: [
        ("Tháng 8/2024", Due.Rule.period(start: d(2024, 8, 1), end: d(2024, 8, 31))),
        ("Quý II/2026", .period(start: d(2026, 4, 1), end: d(2026, 6, 30))),
        ("Quý III, IV/2026, 2027", .period(start: d(2026, 7, 1), end: d(2027, 12, 31))),
        ("2024 - 2025", .period(start: d(2024, 1, 1), end: d(2025, 12, 31))),
        ("Năm 2025", .period(start: d(2025, 1, 1), end: d(2025, 12, 31))),
        ("Hàng năm", .recurring(every: .year, day: nil)),
        ("Thường xuyên", .continuing),
        ("Trước 30/6/2024", .date(d(2024, 6, 30))),
    ])
    func tableTimeCell(cell: String, expected: Due.Rule) {
        #expect(TaskTable.timeCell(cell, reference: Self.issued)?.rule == expected)
    }
}
