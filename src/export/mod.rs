//! Machine-readable exports of the portal: the static JSON API, and later
//! the catalogs harvesters read. Like pages, every file goes through
//! [`crate::output::Output`].

pub mod api;
pub mod usages;
