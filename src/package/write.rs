//! Writing a package as zip bytes, deterministically: same parts in the same order, same bytes.
//!
//! No timestamp, user or host name enters the zip: entries carry the fixed DOS date
//! 1980-01-01 00:00 and mode 0644, and compression depends only on each part's size.

use super::Package;
use crate::diagnostic::Diagnostic;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Parts smaller than this are stored, not deflated: each deflate stream costs ~0.4M instructions
/// to set up (zeroed hash tables), a third of a whole DOCX render for ten small parts, to save
/// about 7 KB of a ~20 KB file.
pub const STORE_BELOW: usize = 2048;

impl Package {
    /// The package as zip bytes: parts in package order, deflate level 1 (parts under
    /// [`STORE_BELOW`] bytes stored), every entry dated 1980-01-01 00:00 with mode 0644, so the
    /// same parts always give the same bytes. Level 1 against 6 for the annual sample:
    /// `document.xml` (105 KB) packs to 12 KB instead of 9 KB, and the whole render takes 3M
    /// fewer instructions (of 25M).
    ///
    /// Packing into memory fails only past zip's limits (4 GiB without zip64); the error is the
    /// `E-DOCX` diagnostic.
    pub fn to_bytes(&self) -> Result<Vec<u8>, Diagnostic> {
        self.pack().map_err(|e| {
            Diagnostic::error("E-DOCX", format!("无法生成 DOCX 文件：打包失败（{e}）"))
        })
    }

    /// Zips the parts (see [`Package::to_bytes`]).
    fn pack(&self) -> zip::result::ZipResult<Vec<u8>> {
        let mut z = ZipWriter::new(Cursor::new(Vec::new()));
        let deflated = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(1))
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        let stored = deflated
            .compression_method(CompressionMethod::Stored)
            .compression_level(None);
        for part in self.parts() {
            let options = if part.bytes.len() < STORE_BELOW {
                stored
            } else {
                deflated
            };
            z.start_file(part.name.as_str(), options)?;
            z.write_all(&part.bytes)?;
        }
        Ok(z.finish()?.into_inner())
    }
}
