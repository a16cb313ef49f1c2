//! An on-disk page store: the Template, Module and MediaWiki pages of a dump in one
//! SQLite file, keyed by normalized title, read by template expansion as a
//! [`PageLookup`]. Rendering a whole wiki then needs memory for the pages
//! being rendered, not for every template of the wiki; the file is built once
//! and reused across runs, by `wikitext html --pages`, and by Spark workers
//! (one file shipped to every worker).
//!
//! SQLite (through rusqlite, with its library compiled in) because it is one
//! portable file that any language can read, concurrent readers need no
//! server, and its page cache keeps the hot templates in memory.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use wikitext_expand::PageLookup;
use wikitext_site::Site;
use wikitext_site::title::Title;

use crate::export::ExportPage;

/// The first bytes of every SQLite database file.
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

/// Whether the file at `path` is an SQLite database (a page store) rather
/// than an XML export.
#[must_use]
pub fn is_store_file(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok() && head == SQLITE_MAGIC
}

/// Namespaces whose pages a template store keeps: Template, Module, and
/// MediaWiki (the wiki's interface messages, which `{{int:}}` reads).
pub const TEMPLATE_NAMESPACES: [i32; 3] = [8, 10, 828];

/// A page store open for reading: a [`PageLookup`] by normalized title.
#[derive(Debug)]
pub struct PageStore {
    // A connection is not `Sync`; the lock is uncontended when each worker
    // opens its own store.
    connection: Mutex<Connection>,
}

impl PageStore {
    /// Open an existing store read-only.
    ///
    /// # Errors
    /// When the file is missing or is not a page store.
    pub fn open(path: &Path) -> rusqlite::Result<Self> {
        let connection = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        connection.query_row("SELECT count(*) FROM pages", [], |_| Ok(()))?;
        Ok(PageStore { connection: Mutex::new(connection) })
    }

    /// How many pages the store holds.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn len(&self) -> rusqlite::Result<u64> {
        let connection = self.connection.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        connection.query_row("SELECT count(*) FROM pages", [], |row| row.get(0))
    }
}

impl PageStore {
    /// Whether the store holds no page.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn is_empty(&self) -> rusqlite::Result<bool> {
        Ok(self.len()? == 0)
    }
}

impl PageLookup for PageStore {
    fn page_source(&self, title: &str) -> Option<String> {
        let connection = self.connection.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut statement = connection.prepare_cached("SELECT text FROM pages WHERE title = ?1").ok()?;
        statement.query_row(params![title], |row| row.get(0)).optional().ok().flatten()
    }
}

/// Builds a store: pages go in one transaction, committed by [`StoreWriter::finish`],
/// so an interrupted build leaves no half-filled store behind.
#[derive(Debug)]
pub struct StoreWriter {
    connection: Connection,
    pages: u64,
}

impl StoreWriter {
    /// Create (or replace) the store at `path`.
    ///
    /// # Errors
    /// When the file cannot be created.
    pub fn create(path: &Path) -> rusqlite::Result<Self> {
        if path.exists() {
            let _ = std::fs::remove_file(path);
        }
        let connection = Connection::open(path)?;
        connection.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
             BEGIN;
             CREATE TABLE pages (title TEXT PRIMARY KEY, namespace INTEGER NOT NULL, text TEXT NOT NULL) WITHOUT ROWID;",
        )?;
        Ok(StoreWriter { connection, pages: 0 })
    }

    /// Store a page under its title normalized by `site`'s rules; a later
    /// page of the same title wins. Pages with invalid titles are skipped.
    ///
    /// # Errors
    /// When the database cannot be written.
    pub fn insert(&mut self, page: &ExportPage, site: &dyn Site) -> rusqlite::Result<()> {
        let Some(title) = Title::parse(&page.title, 0, site).filter(|t| !t.db_key().is_empty()) else {
            return Ok(());
        };
        let mut statement =
            self.connection.prepare_cached("INSERT OR REPLACE INTO pages (title, namespace, text) VALUES (?1, ?2, ?3)")?;
        statement.execute(params![title.prefixed_text(), page.namespace, page.text])?;
        self.pages += 1;
        Ok(())
    }

    /// Commit; returns the number of pages stored.
    ///
    /// # Errors
    /// When the commit fails.
    pub fn finish(self) -> rusqlite::Result<u64> {
        self.connection.execute_batch("COMMIT;")?;
        Ok(self.pages)
    }
}
