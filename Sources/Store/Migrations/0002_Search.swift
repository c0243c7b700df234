/// 0002: the search index over task and notice text.
///
/// Text is folded in Swift before it is stored or sought (`VietnameseText.fold`: lower case, no
/// tone marks, "đ" as "d"), so that both databases search the same words and find the same
/// tasks: PostgreSQL's `unaccent` folds by its own table, which would make a query that finds a
/// task on SQLite miss it on PostgreSQL. Each database then indexes the folded words its own way:
/// an FTS5 table in SQLite, a GIN text-search index (the `simple` configuration: no stemming, no
/// stop words, which Vietnamese has no dictionary for) in PostgreSQL. Both answer "every word of
/// the query begins a word of the text".
let search = Migration(id: "0002_search", summary: "diacritic-insensitive search over task and notice text") {
    kind in
    switch kind {
    case .sqlite:
        return [
            """
            CREATE VIRTUAL TABLE search_index USING fts5(
                organization_id UNINDEXED, entity UNINDEXED, entity_id UNINDEXED, folded,
                tokenize = 'unicode61 remove_diacritics 0'
            )
            """
        ]
    case .postgres:
        return [
            """
            CREATE TABLE search_index (
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                entity TEXT NOT NULL CHECK (entity IN ('task', 'document')),
                entity_id TEXT NOT NULL,
                folded TEXT NOT NULL,
                PRIMARY KEY (entity, entity_id)
            )
            """,
            "CREATE INDEX search_index_words ON search_index USING gin (to_tsvector('simple', folded))",
        ]
    }
}
