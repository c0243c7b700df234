/// The words of the genre the rules look for. Every list here is about the Vietnamese
/// administrative language (how agencies, units and duties are named), never about one document.
enum Lexicon {
    /// Words that begin the name of a unit, an agency or a body ("Phòng Quản lý Khoa học",
    /// "Chi cục TCĐLCL", "UBND phường Lào Cai"). Single-syllable heads that are also common words
    /// ("Ban", "Báo", "Đoàn", "Hội", "Tổ") count only when written with a capital (see `capitalOnlyHeads`).
    static let unitHeads = PhraseSet([
        "phòng", "văn phòng", "thanh tra", "chi cục", "trung tâm", "sở", "bộ", "cục", "tổng cục", "vụ",
        "viện", "ban", "ban quản lý", "báo", "tạp chí", "đài", "đài truyền hình", "đài phát thanh",
        "trường", "học viện", "hội", "liên hiệp", "quỹ", "đoàn", "đoàn thanh niên", "công đoàn", "tổ",
        "tổ công tác", "ubnd", "hđnd", "ủy ban", "uỷ ban", "ủy ban nhân dân", "uỷ ban nhân dân",
        "hội đồng", "hội đồng nhân dân", "ubmttq", "mặt trận", "tỉnh ủy", "tỉnh uỷ", "thành ủy",
        "thành uỷ", "huyện ủy", "huyện uỷ", "đảng ủy", "đảng uỷ", "kho bạc", "công an", "bộ chỉ huy",
        "bệnh viện", "chi nhánh", "cảng vụ", "hạt kiểm lâm", "đội", "chủ đầu tư", "nhà đầu tư",
        "chính quyền", "thường trực", "thủ trưởng", "cơ quan", "đơn vị", "các", "tất cả", "toàn thể",
        "chủ nhiệm", "báo chí", "địa phương", "cổng thông tin", "trạm", "chi bộ", "cổng", "chủ tịch",
        "tỉnh đoàn", "thành đoàn", "huyện đoàn", "liên đoàn", "hiệp hội", "hội liên hiệp", "chi đoàn",
        "chi hội", "bưu điện", "ngân hàng", "công ty", "tổng công ty", "tập đoàn", "điện lực", "viettel",
        "vnpt", "quản lý thị trường", "cục quản lý thị trường", "đội quản lý thị trường", "ban chỉ đạo",
        "ban chỉ huy", "ban thường vụ", "ủy ban kiểm tra", "uỷ ban kiểm tra", "văn phòng đăng ký",
    ], flag: 1 << 0)

    /// Heads that are common words when written in lower case ("ban hành", "báo cáo", "đội ngũ").
    static let capitalOnlyHeads: WordSet = [
        "ban", "báo", "đoàn", "hội", "tổ", "trường", "đài", "vụ", "quỹ", "cục", "viện", "đội", "trạm",
        "cổng", "bộ", "trung tâm", "chi nhánh", "thường trực", "công an", "hội đồng", "tổ công tác",
        "mặt trận", "kho bạc", "thủ trưởng", "chi bộ", "cổng thông tin", "tạp chí", "văn phòng",
        "thanh tra", "công đoàn", "học viện", "liên hiệp", "hạt kiểm lâm", "bệnh viện", "chi cục",
        "chủ tịch", "tỉnh đoàn", "thành đoàn", "huyện đoàn", "liên đoàn", "hiệp hội", "chi đoàn",
        "chi hội", "bưu điện", "ngân hàng", "công ty", "tổng công ty", "tập đoàn", "điện lực",
        "quản lý thị trường", "ban chỉ đạo", "ban chỉ huy", "ban thường vụ",
    ]

    /// Nouns that may follow "các" in a unit's name ("các cơ sở giáo dục nghề nghiệp", "các
    /// doanh nghiệp"), besides tier nouns and unit heads.
    static let pluralUnitNouns: WordSet = [
        "cơ sở", "doanh nghiệp", "tổ chức", "nhà đầu tư", "chủ đầu tư", "thành viên", "hiệp hội",
        "cơ quan", "đơn vị", "chủ nhiệm", "hợp tác xã", "trường", "viện", "hội", "ban", "bộ", "sở",
    ]

    /// Heads that name a whole tier of units when plural or qualified only by "liên quan":
    /// "các phòng, đơn vị", "các sở, ban, ngành", "UBND các xã, phường".
    static let tierNouns: WordSet = [
        "phòng", "ban", "phòng ban", "đơn vị", "cơ quan", "sở", "ngành", "bộ", "địa phương", "xã",
        "phường", "thị trấn", "tỉnh", "thành phố", "huyện", "quận", "thị xã", "tổ chức", "thành viên",
        "đoàn thể", "cấp", "ban ngành", "sở ngành", "sở ban ngành", "xã/phường", "phường/xã", "chi bộ",
        "chi đoàn", "đảng bộ", "cơ sở đảng",
    ]

    /// Nouns that may follow "các": tiers and kinds of units, as phrases.
    static let pluralNouns = PhraseSet(tierNouns.compactMap(\.string) + pluralUnitNouns.compactMap(\.string), flag: 1 << 1)

    /// Verbs and adverbs that end a unit's name in running text: the unit is the subject or the
    /// object of "phối hợp", and the next word of this list starts what it does.
    static let unitStops = PhraseSet([
        "chủ trì", "phối hợp", "tham mưu", "nghiên cứu", "thực hiện", "triển khai", "tổ chức", "xây dựng",
        "xác định", "hoàn thiện", "hoàn tất", "hoàn thành", "hoàn chỉnh", "đẩy nhanh", "đẩy mạnh",
        "theo dõi", "đôn đốc", "tăng cường", "rà soát", "tập trung", "khẩn trương", "kịp thời",
        "tích cực", "chủ động", "có trách nhiệm", "chịu trách nhiệm", "là", "đề xuất", "chỉ đạo",
        "hướng dẫn", "đầu tư", "san tạo", "chuẩn bị", "ứng dụng", "thiết lập", "cân đối", "bố trí",
        "trình", "giải quyết", "tiến hành", "báo cáo", "kiểm tra", "đánh giá", "thẩm định", "tháo gỡ",
        "làm việc", "lập", "cập nhật", "sửa đổi", "ban hành", "phê duyệt", "giám sát", "tuyên truyền",
        "hỗ trợ", "cung cấp", "tiếp tục", "thường xuyên", "quán triệt", "gửi", "xử lý", "thu hút",
        "mời gọi", "tiếp nhận", "vận hành", "quyết toán", "thanh toán", "nghiệm thu", "tổng hợp",
        "duy trì", "bảo đảm", "đảm bảo", "chia", "đặt hàng", "tham gia", "cử", "lấy", "tạo", "ký",
        "mua sắm", "sắp xếp", "nâng cao", "phát huy", "tiếp cận", "khắc phục", "điều chỉnh",
        "bổ sung", "nắm", "nắm bắt", "chấn chỉnh", "kiện toàn", "khảo sát", "điều tra",
        "thống kê", "biên soạn", "soạn thảo", "dự thảo", "thẩm tra", "tuyển chọn", "xét", "công bố",
        "phổ biến", "vận động", "thông báo", "tập huấn", "đào tạo", "bồi dưỡng", "sơ kết", "tổng kết",
        "lưu ý", "cần", "phải", "sớm", "nghiêm túc", "tiếp thu", "trao đổi", "yêu cầu",
        "đề nghị", "giao", "về", "trong", "để", "nhằm", "theo", "tại", "đối với", "khi", "nếu", "sau khi",
        "trước", "với", "từ", "đến", "trên", "như", "gồm", "bao gồm", "được", "do", "đã", "đang", "sẽ",
        "và phối hợp", "ngay", "gấp", "cùng", "xem xét", "giúp", "tiến độ", "đúng", "có ý kiến",
        "có văn bản", "trình bày", "ưu tiên", "đồng thời", "đưa tin", "đưa", "vận động", "lựa chọn",
        "căn cứ", "làm đầu mối", "làm", "đăng ký", "đăng tải", "đăng", "đổi mới", "tiếp tục", "chỉ định",
    ], flag: 1 << 2)

    /// Phrases that begin with a unit head but name no unit ("Hội nghị", "phòng cháy").
    static let notUnits = PhraseSet([
        "hội nghị", "hội thảo", "hội thi", "phòng cháy", "phòng chống", "phòng ngừa", "trường hợp",
        "sở hữu", "bộ máy", "vụ việc", "đội ngũ", "cục bộ", "đoàn kết", "ban hành", "báo cáo", "tổ chức",
        "thanh tra việc", "thanh tra các", "thanh tra tại", "thanh tra, kiểm tra", "thanh tra đột xuất",
        "thanh tra chuyên ngành", "báo cáo viên", "tổ chức thực hiện",
        "trung tâm phục vụ hành chính công", "đơn vị tính", "cơ quan hành chính nhà nước",
    ], flag: 1 << 3)

    /// Two-word stops folded (no diacritics), to catch slips of tone marks in running text.
    static let foldedStops: WordSet = {
        var out: [Word] = []
        for p in unitStops.phrases where p.count == 2 { out.append(Word.foldedPair(p[0], p[1])) }
        return WordSet(out)
    }()

    /// Openings of a clause of time or condition before the subject ("Trong quá trình …, Sở X …").
    static let clauseOpeners = PhraseSet([
        "trong quá trình", "trường hợp", "khi", "nếu", "trong trường hợp", "để", "căn cứ", "trên cơ sở",
    ], flag: 1 << 4)

    /// Role markers that follow a lead unit ("Phòng X chủ trì", "Sở Y có trách nhiệm").
    static let leadMarkers = PhraseSet([
        "chủ trì", "có trách nhiệm", "chịu trách nhiệm", "là cơ quan", "là đơn vị", "thực hiện",
        "tham mưu", "chủ động",
    ], flag: 1 << 5)

    /// Nouns before "chủ trì" that make it a noun ("cơ quan chủ trì" = the lead agency of a project).
    static let nominalChuTri: WordSet = ["quan", "vị", "nhân", "chức", "chính"]

    /// Words of urgency: not deadlines (corpus README, "Deadlines").
    static let urgency = PhraseSet(["khẩn trương", "khản trương", "kịp thời", "ngay", "gấp", "sớm"], flag: 1 << 6)

    /// Headings and inline headings whose items are not tasks: evaluation, purposes and
    /// requirements, participants, scope, resources (corpus README, "What is a task").
    static let nonTaskHeadings = PhraseSet([
        "đánh giá", "kết quả", "tình hình", "mục đích", "yêu cầu", "mục tiêu", "thành phần",
        "tham dự", "đối tượng", "thời gian kiểm tra", "địa điểm", "phương thức", "vốn",
        "kinh phí", "căn cứ", "khái toán", "nguồn vốn", "dự toán", "những kết quả", "một số kết quả",
        "kết quả đạt được", "tồn tại", "hạn chế", "nguyên nhân", "ưu điểm", "thành phần tham gia",
        "thành phần tham dự", "bối cảnh", "quan điểm", "phạm vi", "giải thích", "thời gian", "thời hạn",
        "sản phẩm", "hồ sơ", "thông tin liên hệ",
    ], flag: 1 << 7)

    /// Openings of paragraphs that conclude or report rather than instruct.
    static let nonTaskOpenings = PhraseSet([
        "sau khi nghe", "căn cứ", "nay thông báo", "trên đây là", "trên đây", "cơ bản thống nhất",
        "thống nhất với", "nhất trí với", "cơ bản nhất trí", "ghi nhận", "biểu dương", "đánh giá cao",
        "thông báo để", "đồng ý với", "văn phòng sở thông báo", "thực hiện thông báo",
        "thực hiện quyết định", "thực hiện chỉ thị", "thực hiện nghị quyết", "thực hiện kế hoạch",
        "thực hiện kết luận", "thực hiện công văn", "thực hiện văn bản", "ngày", "kính gửi", "v/v",
    ], flag: 1 << 8)

    /// Persons named as the lead of a task ("Ông. Hoàng Văn Thuân - Trưởng đoàn").
    static let personTitles = PhraseSet(["ông", "bà", "đồng chí", "đ/c", "đc"], flag: 1 << 9)

    /// The first word of every phrase of every set above, with the flags of the sets it starts:
    /// the tokenizer looks each word up here once (`Token.starts`), and `Tokens.longestMatch`
    /// searches a set only at the tokens that start one of its phrases. A set missing from
    /// this list would never match (`LexiconTests` checks the list).
    static let phraseSets = [
        unitHeads, pluralNouns, unitStops, notUnits, clauseOpeners, leadMarkers, urgency, nonTaskHeadings,
        nonTaskOpenings, personTitles, deadlineOpeners, roleOpeners,
    ]

    /// Words a deadline expression can start with, besides numbers (`DeadlineFinder.mayStart`).
    static let deadlineOpeners = PhraseSet(
        ["hàng", "hằng", "mỗi", "tháng", "quý", "trong", "từ", "thường", "liên"], flag: 1 << 10)

    /// First words of the fields an item writes as labels ("Đơn vị chủ trì:", "Cơ quan phối
    /// hợp:", "Thời gian:"), for `UnitFinder.roleFields`.
    static let roleOpeners = PhraseSet(["đơn", "cơ", "thời"], flag: 1 << 11)

    static let firstWords: WordTable<UInt16> = {
        var table = WordTable<UInt16>(minimumCapacity: 512)
        for set in phraseSets {
            for (word, _) in set.byFirst.entries { table.set(word, (table[word] ?? 0) | set.flag) }
        }
        return table
    }()

    /// For each set of `phraseSets` (by `PhraseSet.index`) and each entry of `firstWords`, the
    /// set's phrases starting with that word (a range of its `spans`, empty when none). Set by
    /// set, so that the entries of the set being matched lie together in the cache.
    static let firstWordSpans: [Range<Int32>] = {
        let words = firstWords.entries.map(\.key)
        var spans = [Range<Int32>](repeating: 0..<0, count: words.count * phraseSets.count)
        for set in phraseSets {
            precondition(phraseSets[set.index].flag == set.flag, "phraseSets must list the sets in the order of their flags")
            for (e, word) in words.enumerated() {
                if let r = set.byFirst[word] { spans[set.index * words.count + e] = r }
            }
        }
        return spans
    }()

    /// Common Vietnamese family names, to recognise a person's name ("Trần Quốc Thành").
    static let surnames: WordSet = [
        "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ",
        "ngô", "dương", "lý", "đinh", "đào", "trịnh", "mai", "trương", "lâm", "hà", "lưu", "tạ", "cao",
        "đoàn", "lương", "vương", "tô", "châu", "quách", "thái", "la", "từ", "kiều", "triệu", "âu",
        "nông", "lò", "hứa", "khổng", "mạc", "tăng", "thân", "văn", "diệp", "giang", "chu", "phùng",
        "vàng", "giàng", "sùng", "thào", "mùa", "lù", "tòng", "quàng", "hạng", "ksor", "siu", "rơ", "nay",
        "tôn", "vi", "lục", "hầu", "tống", "doãn", "ninh", "lã", "kim", "quan", "bạch", "đàm", "hoàng",
    ]
}
