import Testing

@testable import Extraction

/// Lead and coordinating units: names, their boundaries, lists and generic groups.
@Suite struct UnitRuleTests {
    @Test(arguments: [
        ("Giao Phòng Quản lý Công nghệ và Thị trường công nghệ chủ trì nghiên cứu đề xuất.", ["Phòng Quản lý Công nghệ và Thị trường công nghệ"]),
        ("Sở Công Thương chủ trì tham mưu thực hiện thủ tục.", ["Sở Công Thương"]),
        ("Văn phòng nghiên cứu, phối hợp Sở Ngoại vụ tham mưu.", ["Văn phòng"]),
        ("Viện A; Viện Chiến lược, Chính sách tài nguyên nghiên cứu tham mưu.", ["Viện A", "Viện Chiến lược, Chính sách tài nguyên"]),
        ("Ban Quản lý Khu kinh tế và Ban Quản lý các Khu công nghiệp tỉnh đầu tư hạ tầng.", ["Ban Quản lý Khu kinh tế", "Ban Quản lý các Khu công nghiệp tỉnh"]),
        ("Các phòng, đơn vị trực thuộc tập trung thực hiện.", ["*"]),
        ("UBND cấp xã chủ trì thực hiện công tác GPMB.", ["*"]),
        ("Đề nghị các Ban HĐND Thành phố tiếp tục chủ động tham mưu.", ["*"]),
        ("Tổ chức 02 cuộc thanh tra chuyên ngành.", []),
        ("Ban hành quy chế làm việc.", []),
        ("Báo cáo kết quả về Văn phòng.", []),
    ])
    func leadAtStart(text: String, expected: [String]) {
        #expect((UnitFinder(Tokens(text)).leadAtStart() ?? []) == expected, "\(text)")
    }

    @Test(arguments: [
        ("Phối hợp với Văn phòng hoàn tất biên bản làm việc với Sở Tài chính.", ["Văn phòng"]),
        ("Chủ trì, phối hợp với Bộ Thông tin và Truyền thông, các cơ quan thông tấn, báo chí thực hiện tuyên truyền.", ["Bộ Thông tin và Truyền thông", "các cơ quan thông tấn", "báo chí"]),
        ("Phối hợp với Bộ Nông nghiệp và Phát triển nông thôn và các cơ quan liên quan và địa phương có rừng xác định tiềm năng.", ["Bộ Nông nghiệp và Phát triển nông thôn", "*", "địa phương có rừng"]),
        ("Phối hợp với Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương trong việc rà soát.", ["*"]),
        ("Phối hợp với các cơ quan chuyên môn thuộc Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương trong việc rà soát.", ["các cơ quan chuyên môn thuộc Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"]),
        ("Khẩn trương phối hợp với cơ quan chủ trì, chủ nhiệm nhiệm vụ hoàn chỉnh hồ sơ.", ["cơ quan chủ trì", "chủ nhiệm nhiệm vụ"]),
        ("Phối hợp tổ chức các Hội đồng chấm thi.", []),
        ("Phối hợp theo yêu cầu.", []),
        ("Tổ chức làm việc với UBND huyện để có phương án.", []),
        ("Chủ trì phối hợp với Chi cục khản trương tham mưu kế hoạch.", ["Chi cục"]),
        ("Chủ trì, phối hợp với các cơ quan, tổ chức có liên quan tổ chức các khóa đào tạo.", ["*"]),
        ("Phối hợp với Sở Xây dựng, Ban Quản lý khu Kinh tế và các cơ quan đơn vị liên quan thực hiện.", ["Sở Xây dựng", "Ban Quản lý khu Kinh tế", "*"]),
    ])
    func support(text: String, expected: [String]) {
        #expect(UnitFinder(Tokens(text)).support() == expected, "\(text)")
    }

    @Test(arguments: [
        ("Giao các phòng ban và các đơn vị", ["*"]),
        ("Giao Phòng Quản lý CN & TT Công nghệ", ["Phòng Quản lý CN & TT Công nghệ"]),
        ("Công Đoàn, Đoàn Thanh niên", ["Công Đoàn", "Đoàn Thanh niên"]),
        ("Phòng Quản lý Công nghệ, thị trường công nghệ và chuyên ngành", ["Phòng Quản lý Công nghệ, thị trường công nghệ và chuyên ngành"]),
        ("Giao Văn phòng Đoàn ĐBQH và HĐND Thành phố", ["Văn phòng Đoàn ĐBQH và HĐND Thành phố"]),
        ("Các sở, ban, ngành và các đơn vị khác có liên quan", ["*"]),
        ("Sở Giáo dục và Đào tạo", ["Sở Giáo dục và Đào tạo"]),
        ("Nhiệm vụ trọng tâm trong tháng 02 năm 2025", nil),
        ("Làm tốt công tác tham mưu ban hành cơ chế, chính sách", nil),
    ] as [(String, [String]?)])
    func headingUnits(heading: String, expected: [String]?) {
        #expect(UnitFinder(Tokens(heading)).wholeUnitList() == expected, "\(heading)")
    }

    @Test func generic() {
        for group in ["các phòng, đơn vị thuộc Sở", "các sở, ban, ngành", "UBND các xã, phường", "các đơn vị có liên quan",
            "phòng liên quan", "chính quyền địa phương", "Thủ trưởng các cơ quan, đơn vị"]
        {
            #expect(UnitFinder(Tokens(group)).wholeUnitList() == ["*"], "\(group)")
        }
        for kept in ["các xã, phường có cụm công nghiệp", "các đơn vị truyền thông thuộc Bộ Tài nguyên và Môi trường"] {
            #expect(UnitFinder(Tokens(kept)).wholeUnitList() == [kept], "\(kept)")
        }
    }
}
