//! Small helpers shared by every stage: file reading with context, slugs,
//! URL paths. Nothing here knows about portals.

pub mod fs;
pub mod hash;
pub mod text;
pub mod url;
