import Deadlines
import Foundation
import Store

/// Two monthly notices of a Sở KH&CN, written for these tests: the second repeats the first's
/// first task ("tiếp tục") and names a unit by its abbreviation.
public enum Notices {
    public static let march = """
        UBND TỈNH NGHỆ AN
        SỞ KHOA HỌC VÀ CÔNG NGHỆ
        Số: 12/TB-SKHCN
        Nghệ An, ngày 05 tháng 3 năm 2025

        THÔNG BÁO
        Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng 3/2025

        1. Giao Văn phòng Sở chủ trì, phối hợp với Phòng Kế hoạch - Tài chính hoàn thiện dự thảo Quy chế chi tiêu nội bộ năm 2025, trình Giám đốc Sở trước ngày 20/3/2025.
        2. Giao Phòng Quản lý khoa học chủ trì tham mưu tổ chức Hội đồng tư vấn xác định nhiệm vụ khoa học và công nghệ cấp tỉnh năm 2026, hoàn thành trong tháng 4/2025.
        3. Giao Thanh tra Sở xây dựng kế hoạch thanh tra đo lường xăng dầu trên địa bàn tỉnh, báo cáo trước ngày 10/4/2025.

        Nơi nhận:
        - Lưu: VT, VP.
        GIÁM ĐỐC
        Nguyễn Văn A
        """

    public static let april = """
        UBND TỈNH NGHỆ AN
        SỞ KHOA HỌC VÀ CÔNG NGHỆ
        Số: 20/TB-SKHCN
        Nghệ An, ngày 08 tháng 4 năm 2025

        THÔNG BÁO
        Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng 4/2025

        1. Giao Văn phòng Sở tiếp tục hoàn thiện dự thảo Quy chế chi tiêu nội bộ năm 2025, trình Giám đốc Sở trước ngày 25/4/2025.
        2. Giao Chi cục TCĐLCL chủ trì kiểm tra nhà nước về đo lường đối với cột đo xăng dầu, hoàn thành trước ngày 30/5/2025.

        Nơi nhận:
        - Lưu: VT.
        GIÁM ĐỐC
        Nguyễn Văn A
        """

    public static let calendar = VietnameseHolidays.standard.workingDays(years: VietnameseHolidays.years)

    public static func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    /// Imports `text` into the default organization and returns what was stored.
    @discardableResult
    public static func load(
        _ text: String, name: String, into store: Store, publish: Bool = true, today: String = "2025-04-08"
    ) async throws -> (Organization, ImportedNotice) {
        let org = try await store.organizationToUse(slug: nil, actor: "test")
        let outcome = try await store.importNotice(
            NoticeInput(sourceName: name, text: text), into: org, publish: publish, calendar: calendar,
            actor: "test",
            today: date(today))
        guard case .imported(let notice) = outcome else {
            throw StoreError.invalid("\(name) was not imported: \(outcome)")
        }
        return (org, notice)
    }
}
