import Deadlines

/// Builds the outline of the body (sections, unit headings, items, paragraphs, task tables)
/// and turns its items into tasks (corpus README, "What is a task").
struct OutlineWalker {
    let reference: CalendarDate?
    private(set) var tasks: [Assignment] = []
    private(set) var reportDue: CalendarDate?
    /// The texts of section headings, for the document's period.
    private(set) var headingTexts: [String] = []

    init(reference: CalendarDate?) {
        self.reference = reference
    }

    /// A node of the outline: a block and its children.
    struct Node {
        var block: Block
        var children: [Int] = []
        /// An unlabelled paragraph ending with ":" that heads the items after it.
        var isColonHeading = false
        /// The last unlabelled paragraphs of the body: the closing request and formula.
        var isFinal = false
        /// The rows of a task table, when the node is one.
        var rows: [Block] = []
    }

    struct Context {
        var lead: [String]?
        var excluded = false
        var path: [String] = []
        /// Inside a "Tổ chức thực hiện" section.
        var organizing = false
        /// The lead came from a request in a paragraph, not from a unit heading: a unit named by an
        /// item's own inline heading wins over it.
        var weakLead = false
    }

    // MARK: Building

    mutating func walk(body: [Block], appendix: [Block]) {
        let blocks = absorbContentLists(body)
        var nodes: [Node] = [Node(block: Block(label: nil, text: "", firstLine: 0, lastLine: 0, indent: 0, isHeading: false))]
        // The stack of open nodes: (style, node index). The root has no style.
        var stack: [(style: Label.Style?, node: Int, colon: Bool)] = [(nil, 0, false)]
        let lastLabelled = blocks.lastIndex(where: { $0.label != nil || $0.cells != nil }) ?? -1
        var i = 0
        while i < blocks.count {
            let block = blocks[i]
            if block.cells != nil {
                // A run of table rows.
                var rows: [Block] = []
                while i < blocks.count, blocks[i].cells != nil {
                    rows.append(blocks[i])
                    i += 1
                }
                let idx = nodes.count
                var table = Node(block: Block(label: nil, text: "", firstLine: rows[0].firstLine, lastLine: rows[0].lastLine, indent: 0, isHeading: false, cells: []))
                table.rows = rows
                nodes.append(table)
                nodes[stack.last!.node].children.append(idx)
                continue
            }
            let idx = nodes.count
            var node = Node(block: block)
            if let label = block.label {
                // Sections are never inside a paragraph's list; numbered items are, when the paragraph
                // introduces them ("… thực hiện một số nội dung sau:").
                if label.style == .roman || (!label.style.isListItem && !introducesItems(stack.last!.node, nodes)) {
                    while stack.count > 1, stack.last!.colon { stack.removeLast() }
                }
                if let pos = stack.lastIndex(where: { $0.style == label.style && !$0.colon }) {
                    // "(5) Trung tâm X:" then "1) …": numbering that starts again under a heading
                    // ending with a colon is one level down.
                    let restarts = label.value == "1" && UTF8Text.hasSuffix(nodes[stack[pos].node].block.text, ":")
                        && nodes[stack[pos].node].block.label?.value != "1"
                    if !restarts { stack.removeSubrange(pos...) }
                }
                nodes.append(node)
                nodes[stack.last!.node].children.append(idx)
                stack.append((label.style, idx, false))
            } else {
                // A paragraph belongs to the heading above the list items before it.
                while stack.count > 1, let s = stack.last, s.colon || (s.style?.isListItem ?? false) {
                    stack.removeLast()
                }
                node.isFinal = i > lastLabelled && closing(block.text).isClosing
                // The closing paragraphs belong to the notice, not to its last item.
                if node.isFinal { stack.removeSubrange(1...) }
                let colon = UTF8Text.hasSuffix(block.text, ":")
                node.isColonHeading = colon
                nodes.append(node)
                nodes[stack.last!.node].children.append(idx)
                if colon { stack.append((nil, idx, true)) }
            }
            i += 1
        }
        visit(0, nodes: nodes, context: Context())
        // Appendix tables: tasks restated or added by an appendix.
        if !appendix.isEmpty { emitTable(appendix, context: Context(lead: nil, excluded: false, path: ["PHỤ LỤC"])) }
    }

    /// Merges the items that only list the contents of the paragraph before them ("…, cụ thể:",
    /// "… một số nội dung sau:") into that paragraph.
    func absorbContentLists(_ blocks: [Block]) -> [Block] {
        var out: [Block] = []
        var i = 0
        while i < blocks.count {
            var b = blocks[i]
            i += 1
            // "Đơn vị chủ trì: …", "Thời gian: …" on a line of their own, or a sentence that only
            // states the deadline, belong to the item above.
            if b.label == nil, b.cells == nil, let prev = out.last, prev.cells == nil, !UTF8Text.hasSuffix(prev.text, ":"),
                prev.label.map({ $0.style.isListItem }) ?? true || ".;".contains(prev.text.last ?? " "),
                OutlineWalker.isItemDetail(b.text)
            {
                out[out.count - 1].text += " " + b.text
                out[out.count - 1].lastLine = b.lastLine
                continue
            }
            let plusContents = UTF8Text.hasSuffix(b.text, ":") && OutlineWalker.wordCount(b.text) >= 8
                && i < blocks.count && blocks[i].label?.style == .plus
            guard b.cells == nil, UTF8Text.hasSuffix(b.text, ":"), listsContents(b.text) || plusContents else {
                out.append(b)
                continue
            }
            let only: [Label.Style] = plusContents && !listsContents(b.text) ? [.plus] : [.dash, .plus, .bullet]
            while i < blocks.count, let l = blocks[i].label, only.contains(l.style) || (blocks[i].label?.style == .letter && b.label == nil && !plusContents) {
                b.text += " " + blocks[i].text
                b.lastLine = blocks[i].lastLine
                i += 1
            }
            out.append(b)
        }
        return out
    }

    /// `text.split(separator: " ").count`, counted on the bytes when every space is surely a
    /// `Character` of its own.
    static func wordCount(_ text: String) -> Int {
        let counted: Int?? = text.utf8.withContiguousStorageIfAvailable { u -> Int? in
            var words = 0
            var inWord = false
            for i in 0..<u.count {
                if u[i] == 0x20 {
                    guard UTF8Text.isBoundary(u, i), UTF8Text.isBoundary(u, i + 1) else { return nil }
                    inWord = false
                } else if !inWord {
                    inWord = true
                    words += 1
                }
            }
            return words
        }
        return (counted ?? nil) ?? text.split(separator: " ").count
    }

    /// Lines that complete the item above: its lead or coordinators on a line of their own, or a
    /// sentence that only states its deadline ("Thời gian tổ chức trong tháng 10/2024.").
    static func isItemDetail(_ text: String) -> Bool {
        let folded = VietnameseText.fold(VietnameseText.characterPrefix(text, 40))
        for cue in ["don vi chu tri", "co quan chu tri", "don vi thuc hien", "co quan thuc hien", "don vi phoi hop",
            "co quan phoi hop", "thoi han:", "thoi gian:", "thoi gian thuc hien:", "thoi gian hoan thanh:"]
        where UTF8Text.hasPrefix(folded, cue) {
            return true
        }
        if UTF8Text.hasPrefix(folded, "thoi gian") || UTF8Text.hasPrefix(folded, "thoi han") || UTF8Text.hasPrefix(folded, "hoan thanh truoc") {
            let t = Tokens(text)
            return t.count <= 30 && !DeadlineFinder(t, reference: nil).candidates().isEmpty
                || t.count <= 30 && text.contains(where: \.isNumber)
        }
        return false
    }

    /// "…, cụ thể:", "… nội dung sau:", "… gồm:", but not "… các nhiệm vụ sau:".
    func listsContents(_ text: String) -> Bool {
        let folded = VietnameseText.fold(VietnameseText.characterSuffix(text, 60))
        // "… tập trung vào các nhiệm vụ sau:" introduces tasks, not contents.
        if UTF8Text.hasSuffix(folded, "nhiem vu sau:") || UTF8Text.hasSuffix(folded, "nhiem vu:") || UTF8Text.hasSuffix(folded, "nhiem vu sau day:") {
            return false
        }
        for cue in ["cu the:", "noi dung sau:", "noi dung:", "gom:", "sau day:", "nhu:"] where UTF8Text.hasSuffix(folded, cue) {
            return true
        }
        return false
    }

    // MARK: Walking

    mutating func visit(_ idx: Int, nodes: [Node], context: Context) {
        let node = nodes[idx]
        if idx != 0, node.block.cells != nil {
            emitTable(node.rows, context: context)
            return
        }
        let isHeading = idx != 0 && (!node.children.isEmpty || node.isColonHeading)
        var ctx = context
        if idx != 0 && isHeading {
            let text = node.block.text
            if node.block.label != nil { headingTexts.append(text) }
            if let label = node.block.label { ctx.path = extend(ctx.path, with: label) }
            let tokens = Tokens(text)
            let finder = UnitFinder(tokens)
            let foldedHeading = VietnameseText.fold(VietnameseText.characterPrefix(text, 60))
            if UTF8Text.hasPrefix(foldedHeading, "to chuc thuc hien") { ctx.organizing = true }
            // "MỤC TIÊU, NHIỆM VỤ …" heads tasks; "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NHIỆM VỤ …" does not.
            let purposeWithTasks = (UTF8Text.hasPrefix(foldedHeading, "muc tieu") || UTF8Text.hasPrefix(foldedHeading, "muc dich")
                || UTF8Text.hasPrefix(foldedHeading, "yeu cau")) && (VietnameseText.containsBytes(foldedHeading, "nhiem vu") || VietnameseText.containsBytes(foldedHeading, "giai phap"))
            if startsNonTaskHeading(tokens), !node.isColonHeading || tokens.count <= 12, !purposeWithTasks {
                ctx.excluded = true
            } else if let units = finder.wholeUnitList() ?? finder.headingUnits() {
                ctx.lead = units
                ctx.weakLead = false
            } else if node.isColonHeading {
                // A paragraph that introduces the items after it may itself be a task, and a request
                // in it ("đề nghị các phòng, đơn vị … thực hiện các nội dung sau:") names their lead.
                if node.block.label == nil, let task = makeTask(node.block, context: context) {
                    tasks.append(task)
                }
                if ctx.lead == nil, let lead = finder.leadOfRequest() {
                    ctx.lead = lead
                    ctx.weakLead = true
                }
            } else if let (names, after) = finder.inlineHeading(), context.lead == nil || context.weakLead, !ctx.excluded {
                // "2.2. Thanh tra: Tổ chức …" with sub-items.
                ctx.lead = names
                var b = node.block
                b.text = String(tokens.text(after, tokens.count))
                if let task = makeTask(b, context: ctx, ownLabel: true) { tasks.append(task) }
            }
            for c in node.children { visit(c, nodes: nodes, context: ctx) }
            return
        }
        if idx == 0 {
            for c in node.children { visit(c, nodes: nodes, context: ctx) }
            return
        }
        // A leaf: an item or a paragraph.
        if node.isFinal, node.block.label == nil, isClosing(node.block.text) { return }
        if let task = makeTask(node.block, context: ctx) { tasks.append(task) }
    }

    /// The section path with a heading's label: "II" + "1" → "II.1"; "4" + "4.2" → "4.2".
    func extend(_ path: [String], with label: Label) -> [String] {
        guard !label.value.isEmpty else { return path }
        var p = path
        if case .arabic(let depth) = label.style, depth > 1 {
            let parent = label.value.split(separator: ".").dropLast().joined(separator: ".")
            if let last = p.last, last == parent || last.hasSuffix("." + parent) || parent.hasSuffix(last) {
                p.removeLast()
            }
        }
        p.append(label.value)
        return p
    }

    /// Whether the colon paragraph at `node` introduces the numbered items after it (a request),
    /// rather than opening the whole body ("… kết luận như sau:", "Căn cứ …:").
    func introducesItems(_ node: Int, _ nodes: [Node]) -> Bool {
        guard nodes[node].isColonHeading else { return false }
        let text = nodes[node].block.text
        let folded = VietnameseText.fold(VietnameseText.characterSuffix(text, 30))
        if UTF8Text.hasSuffix(folded, "nhu sau:") { return false }
        return Tokens(String(VietnameseText.characterPrefix(text, 40))).longestMatch(Lexicon.nonTaskOpenings, at: 0) == nil
    }

    func startsNonTaskHeading(_ t: Tokens) -> Bool {
        var i = 0
        while i < t.count, t[i].isPunct { i += 1 }
        if t.match(Phrases.p40, at: i) != nil { i += 1 }
        return t.longestMatch(Lexicon.nonTaskHeadings, at: i) != nil
    }

    /// A closing paragraph: the formula ("Nay thông báo …", "Trên đây là …", "…./.") or the
    /// request to report back, which sets `report_due`.
    mutating func isClosing(_ text: String) -> Bool {
        let c = closing(text)
        if let d = c.reportDue { reportDue = d }
        return c.isClosing
    }

    /// Whether a paragraph at the end of the body is the closing formula or the request to report
    /// back, and the date it asks the report for.
    func closing(_ text: String) -> (isClosing: Bool, reportDue: CalendarDate?) {
        let t = Tokens(text)
        let folded = VietnameseText.fold(text)
        let formula = UTF8Text.hasSuffix(text, "./.") || UTF8Text.hasSuffix(text, "/.") || t.longestMatch(Lexicon.nonTaskOpenings, at: 0) != nil
        let reports = VietnameseText.containsBytes(folded, "bao cao")
        if reports {
            let finder = DeadlineFinder(t, reference: reference)
            if let d = finder.candidates().compactMap({ $0.due.endDate }).max() { return (true, d) }
        }
        return (formula || (reports && VietnameseText.containsBytes(folded, "ket qua")), nil)
    }

    // MARK: Tasks

    /// The task an item or paragraph states, or nil when it states none.
    func makeTask(_ block: Block, context: Context, ownLabel: Bool = false) -> Assignment? {
        if context.excluded { return nil }
        var text = OutlineWalker.removeFootnoteMarks(block.text)
        if text.isEmpty { return nil }
        if UTF8Text.hasPrefix(text, "("), UTF8Text.hasSuffix(text, ")") || UTF8Text.hasSuffix(text, ")."), text.filter({ $0 == "(" }).count == 1 { return nil }
        if UTF8Text.hasSuffix(text, "./.") || UTF8Text.hasSuffix(text, "/.") { return nil }
        // A section title left without items ("III. TỔ CHỨC THỰC HIỆN"), a signer's name.
        if VietnameseText.isAllCaps(text) || ClosingParser.isPersonName(text) { return nil }
        let foldedText =
            context.organizing || VietnameseText.containsBytes(text, "lục") ? VietnameseText.fold(VietnameseText.characterPrefix(text, 200)) : ""
        // "Các nhiệm vụ cụ thể tại Phụ lục kèm theo": a pointer, the tasks are in the appendix.
        if VietnameseText.containsBytes(foldedText, "phu luc"),
            UTF8Text.hasPrefix(foldedText, "cac nhiem vu") || UTF8Text.hasPrefix(foldedText, "nhiem vu cu the") || UTF8Text.hasPrefix(foldedText, "chi tiet")
        {
            return nil
        }
        // In "Tổ chức thực hiện", telling everyone to implement and to report difficulties is the
        // closing formula (corpus README, "Finer points").
        if context.organizing, VietnameseText.containsBytes(foldedText, "kho khan") || VietnameseText.containsBytes(foldedText, "vuong mac"),
            !UnitFinder(Tokens(text)).namesSpecificLead()
        {
            return nil
        }
        var tokens = Tokens(text)
        guard tokens.items.contains(where: \.isWord) else { return nil }
        if tokens.longestMatch(Lexicon.nonTaskOpenings, at: 0) != nil { return nil }
        if block.label == nil, UTF8Text.hasSuffix(text, "như sau:") { return nil }

        var path = context.path
        var inlineLead: [String]?
        // "X: …" — an inline heading: a unit, a person, or a topic.
        if let colon = (0..<min(tokens.count, 40)).first(where: { tokens[$0].isPunct && tokens[$0].lower == ":" }), colon > 0 {
            var s = 0
            if tokens.match(Phrases.p4, at: s) != nil { s = 2 }
            // "Kinh phí cho hoạt động kiểm tra: …", "Đánh giá chung: …": a heading of no task.
            if colon - s <= 8, tokens.longestMatch(Lexicon.nonTaskHeadings, at: s) != nil { return nil }
            if let (names, after) = UnitFinder(tokens).inlineHeading(), context.lead == nil || context.weakLead {
                inlineLead = names
                text = String(tokens.text(after, tokens.count))
                tokens = tokens.suffix(from: after)
                if let label = block.label { path = extend(path, with: label) }
            } else if ownLabel == false, let label = block.label, case .arabic(let d) = label.style, d > 1 {
                path = extend(path, with: label)
            }
        }
        if ownLabel, let label = block.label { path = extend(path, with: label) }
        // A paragraph that sets the scene before its request: the task starts at the request.
        if block.label == nil, inlineLead == nil {
            let trimmed = OutlineWalker.fromRequest(tokens)
            if trimmed != 0 {
                text = String(tokens.text(trimmed, tokens.count))
                tokens = tokens.suffix(from: trimmed)
            }
        }
        guard !text.isEmpty else { return nil }
        let units = UnitFinder(tokens)
        let roles = units.roleFields()
        var lead =
            roles.lead ?? units.leadAtStart() ?? units.leadBeforeChuTri() ?? inlineLead ?? context.lead
            ?? units.leadAfterOpeningClause() ?? units.leadByTitleCase() ?? units.agentAfterDo() ?? []
        if lead.contains("*") && lead.count > 1 { lead = lead.filter { $0 != "*" } + ["*"] }
        var support = units.support().filter { $0 == "*" || !lead.contains($0) }
        for s in roles.support where !support.contains(s) { support.append(s) }
        var (due, milestones) = DeadlineFinder(tokens, reference: reference, quoted: units.quoted).find()
        if due == nil, let time = roles.time { due = TaskTable.timeCell(time, reference: reference) }
        var urgency: [String] = []
        let urgencyWords = Lexicon.urgency  // read once: a `static let` read costs a call
        for k in 0..<tokens.count {
            if let e = tokens.longestMatch(urgencyWords, at: k) {
                let w = String(tokens.text(k, e)).lowercased()
                if !urgency.contains(w) { urgency.append(w) }
            }
        }
        return Assignment(
            section: path.joined(separator: "."), text: tokens.spansSingleSpaced(text) ? text : VietnameseText.collapseSpaces(text),
            lead: lead,
            support: support, due: due, milestones: milestones, urgency: urgency)
    }

    /// The index of the sentence that opens the request ("Yêu cầu …", "Đề nghị …", "Giao …")
    /// when sentences of context come before it; 0 otherwise.
    static func fromRequest(_ t: Tokens) -> Int {
        for k in 1..<max(t.count, 1) where t[k - 1].isPunct && t[k - 1].lower == "." && t[k].isCapitalized {
            if t.match(Phrases.p6, at: k) != nil || t.match(Phrases.p5, at: k) != nil || t[k].lower == "giao" {
                return k
            }
        }
        return 0
    }

    /// Footnote markers glued to words ("khoáng sản1.", "gồm¹") are not part of the text.
    static func removeFootnoteMarks(_ s: String) -> String {
        // Fast path, on the bytes: no digit right after a letter (ASCII lower case, or any
        // scalar outside ASCII, which over-counts) and no superscript or subscript (C2 B2, C2 B3,
        // C2 B9, E2 81 xx, E2 82 xx, which over-counts too).
        var suspect = false
        var copy = s
        copy.withUTF8 { u in
            // Eight bytes at a time first: most paragraphs have no digit and no C2/E2 byte at all.
            if let base = u.baseAddress {
                var clear = true
                var i = 0
                while clear && i + 8 <= u.count {
                    let x = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                    clear = !OutlineWalker.hasDigitOrC2E2(x)
                    i += 8
                }
                while clear && i < u.count {
                    let b = u[i]
                    clear = !(b &- 0x30 < 10 || b == 0xC2 || b == 0xE2)
                    i += 1
                }
                if clear { return }
            }
            var prev: UInt8 = 0x20
            for (i, b) in u.enumerated() {
                if b >= 0x30 && b <= 0x39 && (prev >= 0x80 || (prev >= 0x61 && prev <= 0x7A)) {
                    suspect = true
                    return
                }
                if (b == 0xC2 && i + 1 < u.count && (u[i + 1] == 0xB2 || u[i + 1] == 0xB3 || u[i + 1] == 0xB9))
                    || (b == 0xE2 && i + 1 < u.count && (u[i + 1] == 0x81 || u[i + 1] == 0x82))
                {
                    suspect = true
                    return
                }
                prev = b
            }
        }
        if !suspect { return s }
        let superscripts: Set<Character> = ["¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "⁰"]
        var out = ""
        out.reserveCapacity(s.utf8.count)
        let chars = Array(s)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if superscripts.contains(c) {
                i += 1
                continue
            }
            if c.isNumber, i > 0, chars[i - 1].isLetter, chars[i - 1].isLowercase {
                var j = i
                while j < chars.count, chars[j].isNumber { j += 1 }
                // "sản1." / "sản1 ": a marker; "Km26" would start with a capital run.
                if j - i <= 2, j == chars.count || " .,;:".contains(chars[j]),
                    OutlineWalker.wordBefore(chars, i).allSatisfy({ $0.isLowercase })
                {
                    i = j
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// Whether any of the eight bytes of `x` is an ASCII digit, 0xC2 or 0xE2 (exact: the
    /// classic "has zero byte" test on `x` minus each pattern, with carries kept out).
    @inline(__always)
    static func hasDigitOrC2E2(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ v: UInt64) -> Bool { ((v & ~highs) &+ ~highs | v) & highs != highs }
        // A digit: the byte XOR 0x30 is below 10 (its top nibble 3 and low nibble 0–9).
        let d = x ^ (ones &* 0x30)
        let digit = ~(((d & ~highs) &+ (ones &* (0x80 - 10))) | d) & highs != 0
        return digit || hasZero(x ^ (ones &* 0xC2)) || hasZero(x ^ (ones &* 0xE2))
    }

    static func wordBefore(_ chars: [Character], _ i: Int) -> [Character] {
        var s = i
        while s > 0, chars[s - 1].isLetter { s -= 1 }
        return Array(chars[s..<i])
    }

    // MARK: Tables

    mutating func emitTable(_ rows: [Block], context: Context) {
        guard let headerRow = rows.first?.cells, let table = TaskTable(header: headerRow) else { return }
        var section = context.path
        let base = context.path
        for row in rows.dropFirst() {
            guard let cells = row.cells, let r = table.row(cells, reference: reference) else { continue }
            if let g = r.groupHeading {
                section = base + [g]
                continue
            }
            if context.excluded { continue }
            tasks.append(
                Assignment(
                    section: section.joined(separator: "."), text: OutlineWalker.removeFootnoteMarks(r.text),
                    lead: r.lead, support: r.support, due: r.due))
        }
    }
}

extension UnitFinder {
    /// A heading that names its units before a role: "Cục Biến đổi khí hậu có trách nhiệm",
    /// "Sở Công Thương chủ trì".
    func headingUnits() -> [String]? {
        var i = 0
        if i < t.count, t[i].lower == "giao" { i += 1 }
        var end = t.count
        while end > i, t[end - 1].isPunct { end -= 1 }
        guard let list = unitList(from: i, limit: end), list.end < end else { return nil }
        guard let m = t.longestMatch(Lexicon.leadMarkers, at: list.end), m == end else { return nil }
        return list.names
    }
}
