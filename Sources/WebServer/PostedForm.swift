import Foundation
import Hummingbird
import HummingbirdAuth
import MultipartKit
import NIOCore

/// A form a page posted: URL-encoded or multipart, read within a size limit, its CSRF token
/// checked against the session's before anything else is looked at.
///
/// Every page's POST goes through `read`, so a form without the token, or with another
/// session's, changes nothing (WebError.badCSRFToken).
struct PostedForm: Sendable {
    /// A file field.
    struct File: Sendable {
        let fileName: String
        let contentType: String
        let data: Data
    }

    private(set) var fields: [String: String] = [:]
    /// Every value of each field, in order (a multiple select sends one part per choice).
    private(set) var repeated: [String: [String]] = [:]
    private(set) var files: [String: File] = [:]

    /// All values of a field, trimmed, blanks left out.
    func values(_ name: String) -> [String] {
        (repeated[name] ?? fields[name].map { [$0] } ?? []).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        .filter { !$0.isEmpty }
    }

    /// The field's text, trimmed and NFC (STYLE 4); nil when absent or blank.
    func text(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value.precomposedStringWithCanonicalMapping
    }

    static func read(_ request: Request, context: WebContext, limit: Int) async throws -> PostedForm {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw WebError.tooLarge(limitMB: max(1, limit / (1024 * 1024)))
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw WebError.tooLarge(limitMB: max(1, limit / (1024 * 1024)))
        }
        let form = try parse(body, contentType: request.headers[.contentType])
        guard let expected = context.sessions.session?.csrf, let given = form.fields["csrf"],
            Secrets.equal(expected, given)
        else { throw WebError.badCSRFToken }
        return form
    }

    static func parse(_ body: ByteBuffer, contentType: String?) throws -> PostedForm {
        guard let contentType, let media = MediaType(from: contentType) else {
            throw WebError.badInput(
                vietnamese: "Biểu mẫu gửi lên không hợp lệ.", english: "a form needs a Content-Type")
        }
        if media.isType(.applicationUrlEncoded) {
            return try urlEncoded(String(buffer: body))
        }
        if media.isType(.multipartForm), let boundary = media.parameter, boundary.name == "boundary" {
            return try multipart(body, boundary: boundary.value)
        }
        throw WebError.badInput(
            vietnamese: "Biểu mẫu gửi lên không hợp lệ.",
            english: "a form is application/x-www-form-urlencoded or multipart/form-data, not \(contentType)")
    }

    /// `a=1&b=x+y`: Hummingbird's URLEncodedFormDecoder reads it; a repeated or malformed key is
    /// the sender's error (400), not the server's.
    static func urlEncoded(_ text: String) throws -> PostedForm {
        do {
            let fields = try URLEncodedFormDecoder().decode([String: String].self, from: text)
            return PostedForm(fields: fields, repeated: [:], files: [:])
        } catch {
            throw WebError.badInput(
                vietnamese: "Biểu mẫu gửi lên không hợp lệ.", english: "the form body is malformed: \(error)")
        }
    }

    /// Multipart through MultipartKit's parser; the parts' names and file names come from their
    /// Content-Disposition (MultipartKit 4 exposes the name only).
    static func multipart(_ body: ByteBuffer, boundary: String) throws -> PostedForm {
        let parser = MultipartParser(boundary: boundary)
        var form = PostedForm()
        var headers: [(String, String)] = []
        var data = Data()
        var complete = false
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { chunk in data.append(contentsOf: chunk.readableBytesView) }
        parser.onPartComplete = {
            let disposition = headers.first { $0.0.lowercased() == "content-disposition" }?.1 ?? ""
            let type = headers.first { $0.0.lowercased() == "content-type" }?.1
            if let name = Self.parameter("name", of: disposition) {
                if let fileName = Self.parameter("filename", of: disposition) {
                    if !fileName.isEmpty || !data.isEmpty {
                        form.files[name] = File(
                            fileName: fileName, contentType: type ?? "application/octet-stream", data: data)
                    }
                } else {
                    let value = String(decoding: data, as: UTF8.self)
                    if form.fields[name] == nil { form.fields[name] = value }
                    form.repeated[name, default: []].append(value)
                }
            }
            headers = []
            data = Data()
            complete = true
        }
        do {
            try parser.execute(body)
        } catch {
            throw WebError.badInput(
                vietnamese: "Biểu mẫu gửi lên không hợp lệ.",
                english: "the multipart body is malformed: \(error)")
        }
        guard complete else {
            throw WebError.badInput(
                vietnamese: "Biểu mẫu gửi lên không đầy đủ.",
                english: "the multipart body has no complete part")
        }
        return form
    }

    /// A parameter of a Content-Disposition header (`form-data; name="file"; filename="a.txt"`).
    static func parameter(_ key: String, of header: String) -> String? {
        for piece in header.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard let equals = trimmed.firstIndex(of: "="), trimmed[..<equals].lowercased() == key else {
                continue
            }
            var value = trimmed[trimmed.index(after: equals)...]
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = value.dropFirst().dropLast()
            }
            return String(value)
        }
        return nil
    }
}
