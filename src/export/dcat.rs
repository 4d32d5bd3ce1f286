//! The portal's catalog in DCAT-AP 3.0.1, the RDF profile data.gouv.fr and
//! the European data portal harvest: `catalog.ttl` and `catalog.jsonld`,
//! the same graph in two serialisations.
//!
//! Every node has an IRI built from `base_url` (no blank nodes), so the two
//! files compare as sets of triples, and every IRI an object points to is
//! typed with the class DCAT-AP expects there: the SHACL range shapes then
//! pass without fetching the EU vocabularies.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{LiteralRef, NamedNodeRef, TermRef, TripleRef};

use crate::diagnostics::Diagnostics;
use crate::model::{Dataset, Organization, Portal, Resource};
use crate::output::Output;
use crate::util::url::public_url;
use crate::validate::{PartialDate, SchemaRef};
use crate::vocab::ns::{DCAT, DCT, FOAF, SKOS, SPDX, VCARD};
use crate::vocab::{self, Licence};

pub const TURTLE: &str = "catalog.ttl";
pub const JSON_LD: &str = "catalog.jsonld";

const EU: &str = "http://publications.europa.eu/resource/authority/";
const IANA: &str = "https://www.iana.org/assignments/media-types/";

/// Prefixes of both serialisations, for readers of the files.
const PREFIXES: &[(&str, &str)] = &[
    ("dcat", DCAT),
    ("dct", DCT),
    ("foaf", FOAF),
    ("vcard", VCARD),
    ("spdx", SPDX),
    ("skos", SKOS),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

/// Writes `catalog.ttl` and `catalog.jsonld`, and, when several
/// organizations publish, each one's own pair beside its page
/// (`organizations/<slug>/catalog.ttl`), which harvesters take apart;
/// nothing without `base_url` (the caller says so once for every export
/// that needs it).
pub fn write(
    portal: &Portal,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    let Some(base) = portal.config.base_url.as_deref() else {
        return Ok(());
    };
    write_pair(
        output,
        &catalog(portal, base, None),
        [TURTLE.to_string(), JSON_LD.to_string()],
        diagnostics,
    )?;
    for organization in portal.publishers_apart() {
        let files = [TURTLE, JSON_LD]
            .map(|name| crate::model::paths::organization_file(&organization.slug, name));
        write_pair(
            output,
            &catalog(portal, base, Some(organization)),
            files,
            diagnostics,
        )?;
    }
    Ok(())
}

/// Writes one catalog's triples as Turtle and JSON-LD at `paths`.
fn write_pair(
    output: &Output,
    triples: &[Fact],
    paths: [String; 2],
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    const ORIGIN: &str = "the DCAT catalog";
    // Writing half a million triples twice is most of the catalog's cost:
    // files made from the same triples as the published ones are kept.
    let key = output.memo().map(|_| crate::output::memo::key(triples));
    let mut wanted = [true, true];
    for (path, wanted) in paths.iter().zip(&mut wanted) {
        if let Some(key) = &key {
            match output.keep_made_from(path, ORIGIN, key)? {
                Ok(false) => {}
                Ok(true) => *wanted = false,
                Err(collision) => {
                    diagnostics.push(collision.diagnostic());
                    *wanted = false;
                }
            }
        }
    }
    let (turtle, json_ld) = rayon::join(
        || wanted[0].then(|| turtle(triples)).transpose(),
        || wanted[1].then(|| json_ld(triples)).transpose(),
    );
    for (path, bytes) in paths.iter().zip([turtle?, json_ld?]) {
        if let Some(bytes) = bytes
            && let Err(collision) = output.write_made_from(path, ORIGIN, bytes, key.clone())?
        {
            diagnostics.push(collision.diagnostic());
        }
    }
    Ok(())
}

/// The catalog's graph: its triples in a stable order, each once. With an
/// organization, the catalog of the datasets it publishes, which it
/// publishes itself.
pub fn catalog<'a>(
    portal: &'a Portal,
    base: &str,
    scope: Option<&'a Organization>,
) -> Vec<Fact<'a>> {
    let datasets: Vec<&'a Dataset> = match scope {
        Some(organization) => organization
            .datasets
            .iter()
            .map(|&i| &portal.datasets[i])
            .collect(),
        None => portal.datasets.iter().collect(),
    };
    // Sized from what a large catalog holds: growing a vector of half a
    // million facts by doubling copies it again and again into fresh memory.
    let resources: usize = datasets.iter().map(|d| d.resources.len()).sum();
    let mut rdf = Rdf {
        facts: Vec::with_capacity(datasets.len() * 25 + resources * 25),
        language: &portal.config.language,
        terms: HashMap::new(),
    };
    let config = &portal.config;
    let publisher = scope.unwrap_or(&portal.organizations[0]);
    let (catalog, homepage, title, description) = match scope {
        None => (
            iri(format!("{base}#catalog")),
            iri(base.to_string()),
            config.title.clone(),
            config
                .tagline
                .clone()
                .unwrap_or_else(|| format!("Données publiées par {}", config.authority.name)),
        ),
        Some(organization) => {
            let page = public_url(Some(base), &organization.path);
            (
                iri(format!("{page}#catalog")),
                iri(page),
                format!("{} – {}", organization.title, config.title),
                format!("Données publiées par {}", organization.title),
            )
        }
    };
    rdf.typed(&catalog, DCAT, "Catalog");
    rdf.text(&catalog, DCT, "title", title);
    rdf.text(&catalog, DCT, "description", description);
    rdf.link(&catalog, FOAF, "homepage", &homepage);
    rdf.typed(&homepage, FOAF, "Document");
    let language = rdf.language_node();
    rdf.link(&catalog, DCT, "language", &language);
    let authority = rdf.agent(publisher, base);
    rdf.link(&catalog, DCT, "publisher", &authority);
    let themes = iri(format!("{EU}data-theme"));
    rdf.link(&catalog, DCAT, "themeTaxonomy", &themes);
    rdf.typed(&themes, SKOS, "ConceptScheme");
    rdf.add(
        &themes,
        DCT,
        "title",
        Object::Literal {
            value: "Data theme".into(),
            datatype: LANG_STRING,
            language: Some("en"),
        },
    );
    if let Some(licence) = config.licence {
        let licence = rdf.licence(licence);
        rdf.link(&catalog, DCT, "license", &licence);
    }
    if let Some(issued) = datasets
        .iter()
        .filter_map(|d| d.meta.created)
        .min_by_key(|d| d.first_day())
    {
        rdf.date(&catalog, DCT, "issued", issued);
    }
    if let Some(modified) = datasets
        .iter()
        .filter_map(|d| d.updated())
        .max_by_key(|d| d.last_day())
    {
        rdf.date(&catalog, DCT, "modified", modified);
    }
    for dataset in datasets {
        let node = rdf.dataset(portal, dataset, base);
        rdf.link(&catalog, DCAT, "dataset", &node);
    }
    sorted(rdf.facts)
}

/// The IRI of a dataset in the catalog: its page, with a fragment.
pub fn dataset_iri(base: &str, dataset: &Dataset) -> String {
    format!("{}#dataset", public_url(Some(base), &dataset.path))
}

const LANG_STRING: &str = rdf::LANG_STRING.as_str();
const STRING: &str = xsd::STRING.as_str();

/// Text of the graph: borrowed from the portal or the vocabularies, or
/// made once and shared by every triple that names it. A catalog of
/// 10,000 datasets holds half a million triples; with three strings of
/// their own each (oxrdf's `Triple`), allocating, clearing and freeing
/// them took a tenth of the build.
#[derive(Clone, Debug)]
pub enum Text<'a> {
    Borrowed(&'a str),
    Shared(Arc<str>),
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Text::Borrowed(text) => text,
            Text::Shared(text) => text,
        }
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(text: &'a str) -> Self {
        Text::Borrowed(text)
    }
}

impl From<String> for Text<'_> {
    fn from(text: String) -> Self {
        Text::Shared(text.into())
    }
}

/// The same text however it is held.
impl PartialEq for Text<'_> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Text<'_> {}

impl Hash for Text<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

/// One triple of the catalog. Every subject is a named node (the catalog
/// has no blank nodes), every predicate too.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Fact<'a> {
    subject: Text<'a>,
    predicate: Text<'a>,
    object: Object<'a>,
}

#[derive(Debug, PartialEq, Eq, Hash)]
enum Object<'a> {
    Node(Text<'a>),
    /// `datatype` is `rdf:langString` when `language` is given.
    Literal {
        value: Text<'a>,
        datatype: &'static str,
        language: Option<&'a str>,
    },
}

impl Fact<'_> {
    fn as_triple(&self) -> TripleRef<'_> {
        let object = match &self.object {
            Object::Node(node) => TermRef::NamedNode(NamedNodeRef::new_unchecked(node)),
            Object::Literal { value, language: Some(language), .. } => TermRef::Literal(
                LiteralRef::new_language_tagged_literal_unchecked(value, language),
            ),
            Object::Literal { value, datatype, language: None } => TermRef::Literal(
                LiteralRef::new_typed_literal(value, NamedNodeRef::new_unchecked(datatype)),
            ),
        };
        TripleRef::new(
            NamedNodeRef::new_unchecked(&self.subject),
            NamedNodeRef::new_unchecked(&self.predicate),
            object,
        )
    }
}

struct Rdf<'a> {
    /// Gathered as they come (a node is typed wherever it is used),
    /// sorted and deduplicated at the end: cheaper than an indexed graph.
    facts: Vec<Fact<'a>>,
    language: &'a str,
    /// Each vocabulary term's IRI (properties and classes), joined once.
    terms: HashMap<(&'static str, &'static str), Arc<str>>,
}

impl<'a> Rdf<'a> {
    /// The IRI of a term of a vocabulary.
    fn term(&mut self, namespace: &'static str, term: &'static str) -> Text<'a> {
        let joined = self
            .terms
            .entry((namespace, term))
            .or_insert_with(|| format!("{namespace}{term}").into());
        Text::Shared(joined.clone())
    }

    fn add(
        &mut self,
        subject: &Text<'a>,
        namespace: &'static str,
        property: &'static str,
        object: Object<'a>,
    ) {
        let predicate = self.term(namespace, property);
        self.facts
            .push(Fact { subject: subject.clone(), predicate, object });
    }

    fn link(
        &mut self,
        subject: &Text<'a>,
        namespace: &'static str,
        property: &'static str,
        object: &Text<'a>,
    ) {
        self.add(subject, namespace, property, Object::Node(object.clone()));
    }

    /// A literal with no language, of `datatype`.
    fn literal(
        &mut self,
        subject: &Text<'a>,
        namespace: &'static str,
        property: &'static str,
        value: impl Into<Text<'a>>,
        datatype: &'static str,
    ) {
        let value = value.into();
        self.add(
            subject,
            namespace,
            property,
            Object::Literal { value, datatype, language: None },
        );
    }

    /// A plain string, with no language (names, codes, identifiers).
    fn plain(
        &mut self,
        subject: &Text<'a>,
        namespace: &'static str,
        property: &'static str,
        value: impl Into<Text<'a>>,
    ) {
        self.literal(subject, namespace, property, value, STRING);
    }

    /// Text in the portal's language.
    fn text(
        &mut self,
        subject: &Text<'a>,
        namespace: &'static str,
        property: &'static str,
        text: impl Into<Text<'a>>,
    ) {
        let object = Object::Literal {
            value: text.into(),
            datatype: LANG_STRING,
            language: Some(self.language),
        };
        self.add(subject, namespace, property, object);
    }

    fn typed(&mut self, subject: &Text<'a>, namespace: &'static str, class: &'static str) {
        let class = self.term(namespace, class);
        let predicate = Text::Borrowed(rdf::TYPE.as_str());
        self.facts.push(Fact {
            subject: subject.clone(),
            predicate,
            object: Object::Node(class),
        });
    }

    /// A date at the precision the portal gives it: `xsd:gYear`,
    /// `xsd:gYearMonth` or `xsd:date`, all of which DCAT-AP accepts.
    fn date(
        &mut self,
        subject: &Text<'a>,
        namespace: &'static str,
        property: &'static str,
        date: PartialDate,
    ) {
        let datatype = match date {
            PartialDate::Year(_) => xsd::G_YEAR,
            PartialDate::Month(..) => xsd::G_YEAR_MONTH,
            PartialDate::Day(_) => xsd::DATE,
        };
        self.literal(
            subject,
            namespace,
            property,
            date.to_string(),
            datatype.as_str(),
        );
    }

    fn language_node(&mut self) -> Text<'a> {
        let code = match self.language {
            "en" => "ENG",
            _ => "FRA",
        };
        let node = iri(format!("{EU}language/{code}"));
        self.typed(&node, DCT, "LinguisticSystem");
        node
    }

    fn licence(&mut self, licence: &'static Licence) -> Text<'a> {
        let node = Text::Borrowed(licence.url);
        self.typed(&node, DCT, "LicenseDocument");
        self.plain(&node, DCT, "title", licence.title);
        node
    }

    /// A publisher: its page on the portal, its name and its SIRET or
    /// SIREN, the identifier French harvesters match organisations by.
    fn agent(&mut self, organization: &'a Organization, base: &str) -> Text<'a> {
        let node = iri(format!(
            "{}#organization",
            public_url(Some(base), &organization.path)
        ));
        self.typed(&node, FOAF, "Agent");
        self.plain(&node, FOAF, "name", organization.title.as_str());
        if let Some(id) = organization.siret.as_ref().or(organization.siren.as_ref()) {
            self.plain(&node, DCT, "identifier", id.as_str());
        }
        node
    }

    fn dataset(&mut self, portal: &'a Portal, dataset: &'a Dataset, base: &str) -> Text<'a> {
        let meta = &dataset.meta;
        let page = public_url(Some(base), &dataset.path);
        let node = iri(dataset_iri(base, dataset));
        let local = |fragment: &str| iri(format!("{page}#{fragment}"));
        self.typed(&node, DCAT, "Dataset");
        self.plain(&node, DCT, "identifier", page.clone());
        self.text(&node, DCT, "title", meta.title.as_str());
        self.text(&node, DCT, "description", description(dataset));
        for keyword in &meta.keywords {
            self.text(&node, DCAT, "keyword", keyword.as_str());
        }
        for code in &meta.themes {
            let theme = iri(format!("{}{code}", vocab::DATA_THEME_BASE));
            self.link(&node, DCAT, "theme", &theme);
            self.typed(&theme, SKOS, "Concept");
            self.plain(&theme, SKOS, "prefLabel", *code);
            self.link(&theme, SKOS, "inScheme", &iri(format!("{EU}data-theme")));
        }
        let publisher = self.agent(&portal.organizations[dataset.publisher], base);
        self.link(&node, DCT, "publisher", &publisher);
        if let Some(contact) = &dataset.contact {
            let card = local("contact");
            self.typed(&card, VCARD, "Kind");
            let name = contact
                .name
                .as_deref()
                .unwrap_or(&portal.organizations[dataset.publisher].title);
            self.plain(&card, VCARD, "fn", name);
            if let Some(email) = &contact.email {
                self.link(&card, VCARD, "hasEmail", &iri(format!("mailto:{email}")));
            }
            if let Some(url) = contact.url.as_deref().filter(|u| is_iri(u)) {
                self.link(&card, VCARD, "hasURL", &Text::Borrowed(url));
            }
            if let Some(phone) = &contact.phone {
                let digits: String = phone
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == '+')
                    .collect();
                let tel = format!("tel:{digits}");
                if is_iri(&tel) {
                    self.link(&card, VCARD, "hasTelephone", &iri(tel));
                }
            }
            self.link(&node, DCAT, "contactPoint", &card);
        }
        if let Some(temporal) = &meta.temporal {
            let period = local("period");
            self.typed(&period, DCT, "PeriodOfTime");
            if let Some(start) = temporal.start {
                self.date(&period, DCAT, "startDate", start);
            }
            if let Some(end) = temporal.end {
                self.date(&period, DCAT, "endDate", end);
            }
            self.link(&node, DCT, "temporal", &period);
        }
        if let Some(spatial) = &meta.spatial {
            let place = local("spatial");
            self.typed(&place, DCT, "Location");
            if let Some(name) = &spatial.name {
                self.text(&place, SKOS, "prefLabel", name.as_str());
            }
            for code in &spatial.insee {
                self.plain(&place, DCT, "identifier", code.as_str());
            }
            self.link(&node, DCT, "spatial", &place);
        }
        if let Some(code) = meta.frequency {
            let frequency = iri(format!("{EU}frequency/{code}"));
            self.typed(&frequency, DCT, "Frequency");
            self.link(&node, DCT, "accrualPeriodicity", &frequency);
        }
        let landing = iri(page.clone());
        self.typed(&landing, FOAF, "Document");
        self.link(&node, DCAT, "landingPage", &landing);
        if let Some(created) = meta.created {
            self.date(&node, DCT, "issued", created);
        }
        if let Some(modified) = meta.modified {
            self.date(&node, DCT, "modified", modified);
        }
        // Reuses are what DCAT calls resources that reference the dataset.
        for &reuse in &dataset.reuses {
            if let Some(url) = portal.reuses[reuse]
                .meta
                .url
                .as_deref()
                .filter(|u| is_iri(u))
            {
                self.link(&node, DCT, "isReferencedBy", &Text::Borrowed(url));
            }
        }
        for (index, resource) in dataset.resources.iter().enumerate() {
            let distribution = local(&format!("resource-{}", index + 1));
            self.distribution(portal, dataset, resource, &distribution, base);
            self.link(&node, DCAT, "distribution", &distribution);
            if let Some(standard) = self.standard(portal, resource, base) {
                self.link(&node, DCT, "conformsTo", &standard);
            }
        }
        node
    }

    fn distribution(
        &mut self,
        portal: &'a Portal,
        dataset: &'a Dataset,
        resource: &'a Resource,
        node: &Text<'a>,
        base: &str,
    ) {
        self.typed(node, DCAT, "Distribution");
        self.text(node, DCT, "title", resource.meta.title.as_str());
        if let Some(description) = &resource.meta.description {
            self.text(node, DCT, "description", description.as_str());
        }
        let url = resource.public_url(Some(base));
        let name = resource.path.as_deref().unwrap_or(&url);
        if is_iri(&url) {
            let url = iri(url.clone());
            self.link(node, DCAT, "accessURL", &url);
            if resource.path.is_some() {
                self.link(node, DCAT, "downloadURL", &url);
            }
        }
        if let Some(extension) = vocab::extension(name) {
            if let Some(code) = vocab::file_type(&extension) {
                let format = iri(format!("{EU}file-type/{code}"));
                self.typed(&format, DCT, "MediaTypeOrExtent");
                self.link(node, DCT, "format", &format);
            }
            if let Some(media) = vocab::media_type(&extension) {
                let media = iri(format!("{IANA}{media}"));
                self.typed(&media, DCT, "MediaType");
                self.link(node, DCAT, "mediaType", &media);
            }
        }
        if let Some(bytes) = resource.bytes {
            let datatype = xsd::NON_NEGATIVE_INTEGER.as_str();
            self.literal(node, DCAT, "byteSize", bytes.to_string(), datatype);
        }
        if let Some(sha256) = &resource.sha256 {
            let checksum = iri(format!("{}-checksum", &**node));
            self.typed(&checksum, SPDX, "Checksum");
            let algorithm = iri(format!("{SPDX}checksumAlgorithm_sha256"));
            self.link(&checksum, SPDX, "algorithm", &algorithm);
            let datatype = xsd::HEX_BINARY.as_str();
            self.literal(&checksum, SPDX, "checksumValue", sha256.as_str(), datatype);
            self.link(node, SPDX, "checksum", &checksum);
        }
        if let Some(licence) = dataset.licence {
            let licence = self.licence(licence);
            self.link(node, DCT, "license", &licence);
        }
        if let Some(standard) = self.standard(portal, resource, base) {
            self.link(node, DCT, "conformsTo", &standard);
        }
    }

    /// The Table Schema a resource follows, as a `dct:Standard`: the exact
    /// schema.data.gouv.fr address for its schemas (data.gouv.fr recognises
    /// a schema only by it), else the schema file the portal publishes.
    fn standard(
        &mut self,
        portal: &'a Portal,
        resource: &'a Resource,
        base: &str,
    ) -> Option<Text<'a>> {
        let reference = resource.meta.schema.as_ref()?;
        let url = match reference {
            SchemaRef::Published { .. } => reference.canonical_url()?,
            SchemaRef::Local { .. } => {
                let doc = &portal.schemas[resource.schema?];
                public_url(Some(base), &doc.path)
            }
        };
        if !is_iri(&url) {
            return None;
        }
        let node = iri(url);
        self.typed(&node, DCT, "Standard");
        self.plain(&node, DCT, "title", reference.label());
        Some(node)
    }
}

/// DCAT-AP requires a description: the summary, else the first paragraph
/// of the text, else the title.
pub(crate) fn description(dataset: &Dataset) -> String {
    let meta = &dataset.meta;
    meta.summary
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| {
            let text = crate::render::markdown::excerpt(meta.doc.body(), 2000);
            (!text.is_empty()).then_some(text)
        })
        .unwrap_or_else(|| meta.title.clone())
}

/// An IRI the exporter built from parts it controls (absolute `base_url`,
/// vocabulary codes, percent-encoded paths).
fn iri(text: String) -> Text<'static> {
    Text::from(text)
}

/// Whether `text` is an absolute IRI (links written by people, and the
/// URLs made from them, may not be).
fn is_iri(text: &str) -> bool {
    NamedNodeRef::new(text).is_ok()
}

/// The triples in a stable order, subjects together: the files change only
/// when the catalog does, and read subject by subject. Compared in place:
/// a catalog of 10,000 datasets holds half a million triples, and sorting
/// them by their text form doubled the memory the catalog took.
fn sorted(mut facts: Vec<Fact<'_>>) -> Vec<Fact<'_>> {
    use rayon::slice::ParallelSliceMut;
    facts.par_sort_unstable_by(|a, b| {
        str::cmp(&a.subject, &b.subject)
            .then_with(|| str::cmp(&a.predicate, &b.predicate))
            .then_with(|| object_order(&a.object, &b.object))
    });
    facts.dedup();
    facts
}

/// Named nodes, then literals by value, datatype and language.
fn object_order(a: &Object, b: &Object) -> Ordering {
    match (a, b) {
        (Object::Node(a), Object::Node(b)) => str::cmp(a, b),
        (Object::Node(_), Object::Literal { .. }) => Ordering::Less,
        (Object::Literal { .. }, Object::Node(_)) => Ordering::Greater,
        (
            Object::Literal { value: a, datatype: a_type, language: a_language },
            Object::Literal { value: b, datatype: b_type, language: b_language },
        ) => str::cmp(a, b)
            .then_with(|| a_type.cmp(b_type))
            .then_with(|| a_language.unwrap_or("").cmp(b_language.unwrap_or(""))),
    }
}

fn turtle(triples: &[Fact]) -> anyhow::Result<Vec<u8>> {
    let mut serializer = oxttl::TurtleSerializer::new();
    for (prefix, namespace) in PREFIXES {
        serializer = serializer.with_prefix(*prefix, *namespace)?;
    }
    // Sized from what a triple takes in a large catalog: growing a buffer
    // of tens of megabytes by doubling copies it again and again.
    let mut writer = serializer.for_writer(Vec::with_capacity(triples.len() * 100));
    for triple in triples {
        writer.serialize_triple(triple.as_triple())?;
    }
    Ok(writer.finish()?)
}

fn json_ld(triples: &[Fact]) -> anyhow::Result<Vec<u8>> {
    let mut serializer = oxjsonld::JsonLdSerializer::new();
    for (prefix, namespace) in PREFIXES {
        serializer = serializer.with_prefix(*prefix, *namespace)?;
    }
    let mut writer = serializer.for_writer(Vec::with_capacity(triples.len() * 150));
    for triple in triples {
        writer.serialize_quad(
            triple
                .as_triple()
                .in_graph(oxrdf::GraphNameRef::DefaultGraph),
        )?;
    }
    let mut bytes = writer.finish()?;
    bytes.push(b'\n');
    Ok(bytes)
}
