//! Controlled vocabularies of the portal format: EU data themes, EU update
//! frequencies, licences, file formats.
//!
//! Codes live here; the words shown to readers live in the theme's
//! `i18n/<language>.toml`, so adding a language never touches this file.

/// The RDF namespaces of DCAT-AP, which the catalog's export writes and
/// `ouvert import dcat` reads.
pub mod ns {
    pub const DCAT: &str = "http://www.w3.org/ns/dcat#";
    pub const DCT: &str = "http://purl.org/dc/terms/";
    pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
    pub const VCARD: &str = "http://www.w3.org/2006/vcard/ns#";
    pub const SPDX: &str = "http://spdx.org/rdf/terms#";
    pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
}

/// EU data themes, <http://publications.europa.eu/resource/authority/data-theme>.
pub const DATA_THEMES: &[&str] = &[
    "AGRI",
    "ECON",
    "EDUC",
    "ENER",
    "ENVI",
    "GOVE",
    "HEAL",
    "INTR",
    "JUST",
    "OP_DATPRO",
    "REGI",
    "SOCI",
    "TECH",
    "TRAN",
];

pub const DATA_THEME_BASE: &str = "http://publications.europa.eu/resource/authority/data-theme/";

/// Finds a data-theme code, case-insensitively.
pub fn data_theme(code: &str) -> Option<&'static str> {
    let code = code.trim();
    DATA_THEMES
        .iter()
        .copied()
        .find(|c| c.eq_ignore_ascii_case(code))
}

/// EU frequencies, <http://publications.europa.eu/resource/authority/frequency>,
/// with the French and English words editors naturally write.
const FREQUENCIES: &[(&str, &[&str])] = &[
    ("TRIDECENNIAL", &[]),
    ("BIDECENNIAL", &[]),
    ("DECENNIAL", &["decennal", "décennal", "décennale"]),
    ("QUINQUENNIAL", &["quinquennal", "quinquennale"]),
    ("QUADRENNIAL", &[]),
    ("TRIENNIAL", &["triennal", "triennale"]),
    ("BIENNIAL", &["biennal", "biennale"]),
    ("ANNUAL", &["annuel", "annuelle", "yearly"]),
    ("ANNUAL_2", &["semestriel", "semestrielle"]),
    ("ANNUAL_3", &[]),
    ("QUARTERLY", &["trimestriel", "trimestrielle"]),
    ("BIMONTHLY", &[]),
    ("MONTHLY", &["mensuel", "mensuelle"]),
    ("MONTHLY_2", &[]),
    ("MONTHLY_3", &[]),
    ("BIWEEKLY", &[]),
    ("WEEKLY", &["hebdomadaire"]),
    ("WEEKLY_2", &[]),
    ("WEEKLY_3", &[]),
    (
        "DAILY",
        &["quotidien", "quotidienne", "journalier", "journaliere"],
    ),
    ("DAILY_2", &[]),
    ("TRIHOURLY", &[]),
    ("BIHOURLY", &[]),
    ("HOURLY", &["horaire"]),
    ("CONT", &["continu", "continue", "continuous"]),
    (
        "UPDATE_CONT",
        &["temps-reel", "temps reel", "temps réel", "real-time"],
    ),
    (
        "IRREG",
        &[
            "irregulier",
            "irreguliere",
            "irrégulier",
            "irrégulière",
            "irregular",
        ],
    ),
    ("NEVER", &["jamais", "aucune"]),
    ("OTHER", &["autre"]),
    ("UNKNOWN", &["inconnu", "inconnue"]),
];

pub const FREQUENCY_BASE: &str = "http://publications.europa.eu/resource/authority/frequency/";

/// Finds a frequency by code or by one of its accepted words.
pub fn frequency(value: &str) -> Option<&'static str> {
    let value = value.trim();
    FREQUENCIES.iter().find_map(|(code, words)| {
        (code.eq_ignore_ascii_case(value) || words.iter().any(|w| w.eq_ignore_ascii_case(value)))
            .then_some(*code)
    })
}

#[derive(Debug, PartialEq, Eq)]
pub struct Licence {
    /// SPDX identifier where one exists.
    pub id: &'static str,
    pub aliases: &'static [&'static str],
    pub title: &'static str,
    pub url: &'static str,
    /// Its identifier in the Open Definition list (okfn/licenses), which
    /// Data Packages name licences by; the Licence Ouverte 1.0 has none.
    pub open_definition: Option<&'static str>,
    /// Its family in the SCDL catalogue's `LICENCE` column, which names
    /// families, not versions.
    pub scdl_family: &'static str,
}

pub const LICENCES: &[Licence] = &[
    Licence {
        id: "etalab-2.0",
        aliases: &["lov2", "licence-ouverte", "licence-ouverte-2.0"],
        title: "Licence Ouverte / Open Licence version 2.0",
        url: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        open_definition: Some("LO-FR-2.0"),
        scdl_family: "Licence Ouverte-LO",
    },
    Licence {
        id: "etalab-1.0",
        aliases: &["fr-lo", "licence-ouverte-1.0"],
        title: "Licence Ouverte / Open Licence version 1.0",
        url: "https://www.etalab.gouv.fr/wp-content/uploads/2014/05/Licence_Ouverte.pdf",
        open_definition: None,
        scdl_family: "Licence Ouverte-LO",
    },
    Licence {
        id: "odbl-1.0",
        aliases: &["odbl", "odc-odbl"],
        title: "Open Database License (ODbL) 1.0",
        url: "https://opendatacommons.org/licenses/odbl/1-0/",
        open_definition: Some("ODbL-1.0"),
        scdl_family: "Open Database License-ODBL",
    },
    Licence {
        id: "odc-by-1.0",
        aliases: &["odc-by"],
        title: "Open Data Commons Attribution License 1.0",
        url: "https://opendatacommons.org/licenses/by/1-0/",
        open_definition: Some("ODC-BY-1.0"),
        scdl_family: "Spécifique ou autre",
    },
    Licence {
        id: "pddl-1.0",
        aliases: &["odc-pddl"],
        title: "Open Data Commons Public Domain Dedication and License 1.0",
        url: "https://opendatacommons.org/licenses/pddl/1-0/",
        open_definition: Some("ODC-PDDL-1.0"),
        scdl_family: "Spécifique ou autre",
    },
    Licence {
        id: "cc-by-4.0",
        aliases: &["cc-by"],
        title: "Creative Commons Attribution 4.0 International",
        url: "https://creativecommons.org/licenses/by/4.0/",
        open_definition: Some("CC-BY-4.0"),
        scdl_family: "Creative Commons-CC",
    },
    Licence {
        id: "cc-by-sa-4.0",
        aliases: &["cc-by-sa"],
        title: "Creative Commons Attribution-ShareAlike 4.0 International",
        url: "https://creativecommons.org/licenses/by-sa/4.0/",
        open_definition: Some("CC-BY-SA-4.0"),
        scdl_family: "Creative Commons-CC",
    },
    Licence {
        id: "cc0-1.0",
        aliases: &["cc0", "cc-zero"],
        title: "Creative Commons Zero 1.0 Universal",
        url: "https://creativecommons.org/publicdomain/zero/1.0/",
        open_definition: Some("CC0-1.0"),
        scdl_family: "Creative Commons-CC",
    },
];

/// Finds a licence by identifier or alias, case-insensitively.
pub fn licence(value: &str) -> Option<&'static Licence> {
    let value = value.trim();
    LICENCES.iter().find(|l| {
        l.id.eq_ignore_ascii_case(value) || l.aliases.iter().any(|a| a.eq_ignore_ascii_case(value))
    })
}

pub fn licence_ids() -> String {
    LICENCES
        .iter()
        .map(|l| format!("`{}`", l.id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What kind of file a resource is, from its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    Csv,
    Tsv,
    Xlsx,
    Xls,
    Ods,
    Json,
    GeoJson,
    /// Published and linked, not read.
    Other,
}

impl FileKind {
    pub fn from_path(path: &str) -> FileKind {
        match extension(path).as_deref() {
            Some("csv") => FileKind::Csv,
            Some("tsv" | "tab") => FileKind::Tsv,
            Some("xlsx" | "xlsm") => FileKind::Xlsx,
            Some("xls") => FileKind::Xls,
            Some("ods") => FileKind::Ods,
            Some("json") => FileKind::Json,
            Some("geojson") => FileKind::GeoJson,
            _ => FileKind::Other,
        }
    }

    pub fn is_tabular(self) -> bool {
        self != FileKind::Other
    }
}

/// Lower-case extension of a path, if any.
pub fn extension(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then(|| ext.to_ascii_lowercase())
}

/// The format label readers see (`CSV`, `XLSX`, `PDF`…), from the extension.
pub fn format_label(path: &str) -> Option<String> {
    extension(path).map(|e| match e.as_str() {
        "geojson" => "GeoJSON".to_string(),
        "json" => "JSON".to_string(),
        _ => e.to_ascii_uppercase(),
    })
}

/// The IANA media type of a lower-case extension (see [`extension`]), for
/// the formats portals publish; `None` for the others.
pub fn media_type(extension: &str) -> Option<&'static str> {
    Some(match extension {
        "csv" => "text/csv",
        "tsv" | "tab" => "text/tab-separated-values",
        "xlsx" | "xlsm" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xls" => "application/vnd.ms-excel",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "json" => "application/json",
        "geojson" => "application/geo+json",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "txt" => "text/plain",
        "xml" => "application/xml",
        "html" | "htm" => "text/html",
        "odt" => "application/vnd.oasis.opendocument.text",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

/// The EU file-type authority code of an extension,
/// <http://publications.europa.eu/resource/authority/file-type>.
pub fn file_type(extension: &str) -> Option<&'static str> {
    Some(match extension {
        "csv" => "CSV",
        "tsv" | "tab" => "TSV",
        "xlsx" | "xlsm" => "XLSX",
        "xls" => "XLS",
        "ods" => "ODS",
        "json" => "JSON",
        "geojson" => "GEOJSON",
        "pdf" => "PDF",
        "zip" => "ZIP",
        "txt" => "TXT",
        "xml" => "XML",
        "html" | "htm" => "HTML",
        "odt" => "ODT",
        "docx" => "DOCX",
        "doc" => "DOC",
        "shp" => "SHP",
        "kml" => "KML",
        "gpkg" => "GPKG",
        "png" => "PNG",
        "jpg" | "jpeg" => "JPEG",
        "svg" => "SVG",
        "parquet" => "PARQUET",
        _ => return None,
    })
}

/// Images may illustrate a description; they are published but not listed
/// as resources unless the front matter names them.
pub fn is_image(path: &str) -> bool {
    matches!(
        extension(path).as_deref(),
        Some("png" | "jpg" | "jpeg" | "gif" | "svg" | "webp" | "avif")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_codes_and_words() {
        assert_eq!(data_theme("gove"), Some("GOVE"));
        assert_eq!(data_theme("GOV"), None);
        assert_eq!(frequency("annual"), Some("ANNUAL"));
        assert_eq!(frequency("Mensuelle"), Some("MONTHLY"));
        assert_eq!(frequency("irrégulière"), Some("IRREG"));
        assert_eq!(frequency("sometimes"), None);
        assert_eq!(licence("LOV2").map(|l| l.id), Some("etalab-2.0"));
        assert_eq!(licence("ODbL-1.0").map(|l| l.id), Some("odbl-1.0"));
        assert!(licence("cc-by-99").is_none());
    }

    #[test]
    fn kinds_and_labels() {
        assert_eq!(FileKind::from_path("a/B.CSV"), FileKind::Csv);
        assert_eq!(FileKind::from_path("points.geojson"), FileKind::GeoJson);
        assert_eq!(FileKind::from_path("README"), FileKind::Other);
        assert_eq!(format_label("x.geojson").as_deref(), Some("GeoJSON"));
        assert_eq!(format_label(".hidden"), None);
        assert!(is_image("carte.PNG"));
    }
}
