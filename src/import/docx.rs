//! Reading DOCX (Word and WPS): the text as displayed.

use super::blocks::SourceBlock;
use crate::diagnostic::{Diagnostic, Location};

/// Reads a DOCX package's bytes into blocks.
pub fn read_package(name: &str, bytes: &[u8]) -> Result<Vec<SourceBlock>, Diagnostic> {
    let _ = bytes;
    Err(
        Diagnostic::error("E-IMPORT-DOCX", format!("{name}：DOCX 读取尚未接入"))
            .at(Location::new(name, 0, 0)),
    )
}
