//! The portal's catalog in DCAT-AP 3.0.1, the RDF profile data.gouv.fr and
//! the European data portal harvest: `catalog.ttl` and `catalog.jsonld`,
//! the same graph in two serialisations.
//!
//! Every node has an IRI built from `base_url` (no blank nodes), so the two
//! files compare as sets of triples, and every IRI an object points to is
//! typed with the class DCAT-AP expects there: the SHACL range shapes then
//! pass without fetching the EU vocabularies.

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{Literal, NamedNode, NamedOrBlankNode, Term, Triple};

use crate::diagnostics::Diagnostics;
use crate::model::{Dataset, Organization, Portal, Resource};
use crate::output::Output;
use crate::util::url::public_url;
use crate::validate::{PartialDate, SchemaRef};
use crate::vocab::{self, Licence};

pub const TURTLE: &str = "catalog.ttl";
pub const JSON_LD: &str = "catalog.jsonld";

const DCAT: &str = "http://www.w3.org/ns/dcat#";
const DCT: &str = "http://purl.org/dc/terms/";
const FOAF: &str = "http://xmlns.com/foaf/0.1/";
const VCARD: &str = "http://www.w3.org/2006/vcard/ns#";
const SPDX: &str = "http://spdx.org/rdf/terms#";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
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

/// Writes `catalog.ttl` and `catalog.jsonld`; nothing without `base_url`
/// (the caller says so once for every export that needs it).
pub fn write(
    portal: &Portal,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    let Some(base) = portal.config.base_url.as_deref() else {
        return Ok(());
    };
    const ORIGIN: &str = "the DCAT catalog";
    let triples = catalog(portal, base);
    // Writing half a million triples twice is most of the catalog's cost:
    // files made from the same triples as the published ones are kept.
    let key = output.memo().map(|_| crate::output::memo::key(&triples));
    let mut wanted = [true, true];
    for (path, wanted) in [TURTLE, JSON_LD].into_iter().zip(&mut wanted) {
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
        || wanted[0].then(|| turtle(&triples)).transpose(),
        || wanted[1].then(|| json_ld(&triples)).transpose(),
    );
    for (path, bytes) in [(TURTLE, turtle?), (JSON_LD, json_ld?)] {
        if let Some(bytes) = bytes
            && let Err(collision) = output.write_made_from(path, ORIGIN, bytes, key.clone())?
        {
            diagnostics.push(collision.diagnostic());
        }
    }
    Ok(())
}

/// The catalog's graph: its triples in a stable order, each once.
pub fn catalog(portal: &Portal, base: &str) -> Vec<Triple> {
    let mut rdf = Rdf {
        triples: Vec::new(),
        language: portal.config.language.clone(),
    };
    let config = &portal.config;
    let catalog = iri(&format!("{base}#catalog"));
    rdf.typed(&catalog, DCAT, "Catalog");
    rdf.text(&catalog, DCT, "title", &config.title);
    let description = config
        .tagline
        .clone()
        .unwrap_or_else(|| format!("Données publiées par {}", config.authority.name));
    rdf.text(&catalog, DCT, "description", &description);
    let homepage = iri(base);
    rdf.link(&catalog, FOAF, "homepage", &homepage);
    rdf.typed(&homepage, FOAF, "Document");
    let language = rdf.language_node();
    rdf.link(&catalog, DCT, "language", &language);
    let authority = rdf.agent(&portal.organizations[0], base);
    rdf.link(&catalog, DCT, "publisher", &authority);
    let themes = iri(&format!("{EU}data-theme"));
    rdf.link(&catalog, DCAT, "themeTaxonomy", &themes);
    rdf.typed(&themes, SKOS, "ConceptScheme");
    rdf.literal(
        &themes,
        DCT,
        "title",
        Literal::new_language_tagged_literal_unchecked("Data theme", "en"),
    );
    if let Some(licence) = config.licence {
        let licence = rdf.licence(licence);
        rdf.link(&catalog, DCT, "license", &licence);
    }
    if let Some(issued) = portal
        .datasets
        .iter()
        .filter_map(|d| d.meta.created)
        .min_by_key(|d| d.first_day())
    {
        rdf.date(&catalog, DCT, "issued", issued);
    }
    if let Some(modified) = portal
        .datasets
        .iter()
        .filter_map(Dataset::updated)
        .max_by_key(|d| d.last_day())
    {
        rdf.date(&catalog, DCT, "modified", modified);
    }
    for dataset in &portal.datasets {
        let node = rdf.dataset(portal, dataset, base);
        rdf.link(&catalog, DCAT, "dataset", &node);
    }
    sorted(rdf.triples)
}

/// The IRI of a dataset in the catalog: its page, with a fragment.
pub fn dataset_iri(base: &str, dataset: &Dataset) -> String {
    format!("{}#dataset", public_url(Some(base), &dataset.path))
}

struct Rdf {
    /// Gathered as they come (a node is typed wherever it is used),
    /// sorted and deduplicated at the end: cheaper than an indexed graph.
    triples: Vec<Triple>,
    language: String,
}

impl Rdf {
    fn add(
        &mut self,
        subject: &NamedNode,
        namespace: &str,
        property: &str,
        object: impl Into<Term>,
    ) {
        let predicate = joined(namespace, property);
        let object = object.into();
        self.triples
            .push(Triple::new(subject.clone(), predicate, object));
    }

    fn link(&mut self, subject: &NamedNode, namespace: &str, property: &str, object: &NamedNode) {
        self.add(subject, namespace, property, object.clone());
    }

    fn literal(&mut self, subject: &NamedNode, namespace: &str, property: &str, literal: Literal) {
        self.add(subject, namespace, property, literal);
    }

    /// Text in the portal's language.
    fn text(&mut self, subject: &NamedNode, namespace: &str, property: &str, text: &str) {
        let literal = Literal::new_language_tagged_literal_unchecked(text, self.language.as_str());
        self.literal(subject, namespace, property, literal);
    }

    fn typed(&mut self, subject: &NamedNode, namespace: &str, class: &str) {
        let class = joined(namespace, class);
        self.triples
            .push(Triple::new(subject.clone(), rdf::TYPE, class));
    }

    /// A date at the precision the portal gives it: `xsd:gYear`,
    /// `xsd:gYearMonth` or `xsd:date`, all of which DCAT-AP accepts.
    fn date(&mut self, subject: &NamedNode, namespace: &str, property: &str, date: PartialDate) {
        let datatype = match date {
            PartialDate::Year(_) => xsd::G_YEAR,
            PartialDate::Month(..) => xsd::G_YEAR_MONTH,
            PartialDate::Day(_) => xsd::DATE,
        };
        let literal = Literal::new_typed_literal(date.to_string(), datatype);
        self.literal(subject, namespace, property, literal);
    }

    fn language_node(&mut self) -> NamedNode {
        let code = match self.language.as_str() {
            "en" => "ENG",
            _ => "FRA",
        };
        let node = iri(&format!("{EU}language/{code}"));
        self.typed(&node, DCT, "LinguisticSystem");
        node
    }

    fn licence(&mut self, licence: &Licence) -> NamedNode {
        let node = iri(licence.url);
        self.typed(&node, DCT, "LicenseDocument");
        self.literal(
            &node,
            DCT,
            "title",
            Literal::new_simple_literal(licence.title),
        );
        node
    }

    /// A publisher: its page on the portal, its name and its SIRET or
    /// SIREN, the identifier French harvesters match organisations by.
    fn agent(&mut self, organization: &Organization, base: &str) -> NamedNode {
        let node = iri(&format!(
            "{}#organization",
            public_url(Some(base), &organization.path)
        ));
        self.typed(&node, FOAF, "Agent");
        self.literal(
            &node,
            FOAF,
            "name",
            Literal::new_simple_literal(&organization.title),
        );
        if let Some(id) = organization.siret.as_ref().or(organization.siren.as_ref()) {
            self.literal(&node, DCT, "identifier", Literal::new_simple_literal(id));
        }
        node
    }

    fn dataset(&mut self, portal: &Portal, dataset: &Dataset, base: &str) -> NamedNode {
        let meta = &dataset.meta;
        let page = public_url(Some(base), &dataset.path);
        let node = iri(&dataset_iri(base, dataset));
        let local = |fragment: &str| iri(&format!("{page}#{fragment}"));
        self.typed(&node, DCAT, "Dataset");
        self.literal(&node, DCT, "identifier", Literal::new_simple_literal(&page));
        self.text(&node, DCT, "title", &meta.title);
        self.text(&node, DCT, "description", &description(dataset));
        for keyword in &meta.keywords {
            self.text(&node, DCAT, "keyword", keyword);
        }
        for code in &meta.themes {
            let theme = iri(&format!("{}{code}", vocab::DATA_THEME_BASE));
            self.link(&node, DCAT, "theme", &theme);
            self.typed(&theme, SKOS, "Concept");
            self.literal(
                &theme,
                SKOS,
                "prefLabel",
                Literal::new_simple_literal(*code),
            );
            self.link(&theme, SKOS, "inScheme", &iri(&format!("{EU}data-theme")));
        }
        let publisher = self.agent(&portal.organizations[dataset.publisher], base);
        self.link(&node, DCT, "publisher", &publisher);
        if let Some(contact) = &dataset.contact {
            let card = local("contact");
            self.typed(&card, VCARD, "Kind");
            let name = contact
                .name
                .clone()
                .unwrap_or_else(|| portal.organizations[dataset.publisher].title.clone());
            self.literal(&card, VCARD, "fn", Literal::new_simple_literal(name));
            if let Some(email) = &contact.email {
                self.link(&card, VCARD, "hasEmail", &iri(&format!("mailto:{email}")));
            }
            if let Some(url) = contact.url.as_deref().and_then(|u| NamedNode::new(u).ok()) {
                self.link(&card, VCARD, "hasURL", &url);
            }
            if let Some(phone) = &contact.phone {
                let digits: String = phone
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == '+')
                    .collect();
                if let Ok(tel) = NamedNode::new(format!("tel:{digits}")) {
                    self.link(&card, VCARD, "hasTelephone", &tel);
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
                self.text(&place, SKOS, "prefLabel", name);
            }
            for code in &spatial.insee {
                self.literal(&place, DCT, "identifier", Literal::new_simple_literal(code));
            }
            self.link(&node, DCT, "spatial", &place);
        }
        if let Some(code) = meta.frequency {
            let frequency = iri(&format!("{EU}frequency/{code}"));
            self.typed(&frequency, DCT, "Frequency");
            self.link(&node, DCT, "accrualPeriodicity", &frequency);
        }
        let landing = iri(&page);
        self.typed(&landing, FOAF, "Document");
        self.link(&node, DCAT, "landingPage", &landing);
        if let Some(created) = meta.created {
            self.date(&node, DCT, "issued", created);
        }
        if let Some(modified) = meta.modified {
            self.date(&node, DCT, "modified", modified);
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
        portal: &Portal,
        dataset: &Dataset,
        resource: &Resource,
        node: &NamedNode,
        base: &str,
    ) {
        self.typed(node, DCAT, "Distribution");
        self.text(node, DCT, "title", &resource.meta.title);
        if let Some(description) = &resource.meta.description {
            self.text(node, DCT, "description", description);
        }
        let url = resource.public_url(Some(base));
        let name = resource.path.as_deref().unwrap_or(&url);
        if let Ok(url) = NamedNode::new(url.as_str()) {
            self.link(node, DCAT, "accessURL", &url);
            if resource.path.is_some() {
                self.link(node, DCAT, "downloadURL", &url);
            }
        }
        if let Some(extension) = vocab::extension(name) {
            if let Some(code) = vocab::file_type(&extension) {
                let format = iri(&format!("{EU}file-type/{code}"));
                self.typed(&format, DCT, "MediaTypeOrExtent");
                self.link(node, DCT, "format", &format);
            }
            if let Some(media) = vocab::media_type(&extension) {
                let media = iri(&format!("{IANA}{media}"));
                self.typed(&media, DCT, "MediaType");
                self.link(node, DCAT, "mediaType", &media);
            }
        }
        if let Some(bytes) = resource.bytes {
            let size = Literal::new_typed_literal(bytes.to_string(), xsd::NON_NEGATIVE_INTEGER);
            self.literal(node, DCAT, "byteSize", size);
        }
        if let Some(sha256) = &resource.sha256 {
            let checksum = iri(&format!("{}-checksum", node.as_str()));
            self.typed(&checksum, SPDX, "Checksum");
            self.link(
                &checksum,
                SPDX,
                "algorithm",
                &iri(&format!("{SPDX}checksumAlgorithm_sha256")),
            );
            let value = Literal::new_typed_literal(sha256, xsd::HEX_BINARY);
            self.literal(&checksum, SPDX, "checksumValue", value);
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
    fn standard(&mut self, portal: &Portal, resource: &Resource, base: &str) -> Option<NamedNode> {
        let reference = resource.meta.schema.as_ref()?;
        let url = match reference {
            SchemaRef::Published { .. } => reference.canonical_url()?,
            SchemaRef::Local { .. } => {
                let doc = &portal.schemas[resource.schema?];
                public_url(Some(base), &doc.path)
            }
        };
        let node = NamedNode::new(url).ok()?;
        self.typed(&node, DCT, "Standard");
        self.literal(
            &node,
            DCT,
            "title",
            Literal::new_simple_literal(reference.label()),
        );
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

/// The IRI of a term of a vocabulary: made for each of the half million
/// triples of a large catalog, so without the formatting machinery.
fn joined(namespace: &str, term: &str) -> NamedNode {
    let mut text = String::with_capacity(namespace.len() + term.len());
    text.push_str(namespace);
    text.push_str(term);
    NamedNode::new_unchecked(text)
}

/// An IRI the exporter built from parts it controls (absolute `base_url`,
/// vocabulary codes, percent-encoded paths).
fn iri(text: &str) -> NamedNode {
    NamedNode::new_unchecked(text)
}

/// The triples in a stable order, subjects together: the files change only
/// when the catalog does, and read subject by subject. Compared in place:
/// a catalog of 10,000 datasets holds half a million triples, and sorting
/// them by their text form doubled the memory the catalog took.
fn sorted(mut triples: Vec<Triple>) -> Vec<Triple> {
    use rayon::slice::ParallelSliceMut;
    triples.par_sort_unstable_by(|a, b| {
        subject_key(&a.subject)
            .cmp(&subject_key(&b.subject))
            .then_with(|| a.predicate.as_str().cmp(b.predicate.as_str()))
            .then_with(|| term_key(&a.object).cmp(&term_key(&b.object)))
    });
    triples.dedup();
    triples
}

fn subject_key(subject: &NamedOrBlankNode) -> (u8, &str) {
    match subject {
        NamedOrBlankNode::NamedNode(node) => (0, node.as_str()),
        NamedOrBlankNode::BlankNode(node) => (1, node.as_str()),
    }
}

/// Named nodes, then blank nodes, then literals by value, datatype and
/// language.
fn term_key(term: &Term) -> (u8, &str, &str, &str) {
    match term {
        Term::NamedNode(node) => (0, node.as_str(), "", ""),
        Term::BlankNode(node) => (1, node.as_str(), "", ""),
        Term::Literal(literal) => (
            2,
            literal.value(),
            literal.datatype().as_str(),
            literal.language().unwrap_or(""),
        ),
        #[allow(unreachable_patterns)]
        _ => (3, "", "", ""),
    }
}

fn turtle(triples: &[Triple]) -> anyhow::Result<Vec<u8>> {
    let mut serializer = oxttl::TurtleSerializer::new();
    for (prefix, namespace) in PREFIXES {
        serializer = serializer.with_prefix(*prefix, *namespace)?;
    }
    // Sized from what a triple takes in a large catalog: growing a buffer
    // of tens of megabytes by doubling copies it again and again.
    let mut writer = serializer.for_writer(Vec::with_capacity(triples.len() * 100));
    for triple in triples {
        writer.serialize_triple(triple)?;
    }
    Ok(writer.finish()?)
}

fn json_ld(triples: &[Triple]) -> anyhow::Result<Vec<u8>> {
    let mut serializer = oxjsonld::JsonLdSerializer::new();
    for (prefix, namespace) in PREFIXES {
        serializer = serializer.with_prefix(*prefix, *namespace)?;
    }
    let mut writer = serializer.for_writer(Vec::with_capacity(triples.len() * 150));
    for triple in triples {
        writer.serialize_quad(triple.as_ref().in_graph(oxrdf::GraphNameRef::DefaultGraph))?;
    }
    let mut bytes = writer.finish()?;
    bytes.push(b'\n');
    Ok(bytes)
}
