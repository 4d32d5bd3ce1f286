//! DCAT catalogs (DCAT-AP, data.gouv.fr's exports, the harvesters' inputs)
//! in Turtle, N-Triples, JSON-LD or RDF/XML, with Hydra paging followed
//! through local files.
//!
//! The pages are read into one graph; every `dcat:Dataset` of it becomes a
//! dataset. Each property a dataset or distribution has and the mapping
//! did not read is reported, under its prefixed name.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use oxrdf::vocab::rdf;
use oxrdf::{Graph, NamedNodeRef, NamedOrBlankNodeRef, TermRef};

use super::{
    Contact, Dataset, Imported, Location, Organization, Resource, SchemaSource, Spatial, text,
};
use crate::vocab::ns::{DCAT, DCT, FOAF, SKOS, SPDX, VCARD};

const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
const SCHEMA: &str = "http://schema.org/";
const HYDRA: &str = "http://www.w3.org/ns/hydra/core#";
const LOCN: &str = "http://www.w3.org/ns/locn#";
const ADMS: &str = "http://www.w3.org/ns/adms#";

/// Prefixes for the report, so a property reads `dct:accessRights`.
const PREFIXES: &[(&str, &str)] = &[
    ("dcat", DCAT),
    ("dct", DCT),
    ("foaf", FOAF),
    ("vcard", VCARD),
    ("skos", SKOS),
    ("rdfs", RDFS),
    ("schema", SCHEMA),
    ("hydra", HYDRA),
    ("locn", LOCN),
    ("adms", ADMS),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("spdx", SPDX),
    ("dcatap", "http://data.europa.eu/r5r/"),
    ("geodcatap", "http://data.europa.eu/930/"),
];

pub fn read(source: &Path) -> anyhow::Result<Imported> {
    let mut graph = Graph::new();
    let mut imported = Imported::default();
    let mut read: BTreeSet<PathBuf> = BTreeSet::new();
    let mut queue = vec![source.to_path_buf()];
    let mut missing: BTreeSet<String> = BTreeSet::new();
    while let Some(page) = queue.pop() {
        let canonical = page.canonicalize().unwrap_or_else(|_| page.clone());
        if !read.insert(canonical) {
            continue;
        }
        parse(&page, &mut graph)?;
        if page != source {
            imported.also_read.push(page.clone());
        }
        for next in next_pages(&graph) {
            match local_page(source, &next) {
                Some(path) => queue.push(path),
                None => {
                    missing.insert(next);
                }
            }
        }
    }
    for address in missing {
        let beside = source.parent().unwrap_or(Path::new(".")).display();
        imported.unmapped.note(
            None,
            "hydra:next",
            &format!("{address} (not a file of {beside}: its datasets are not imported)"),
        );
    }
    Mapping { graph: &graph, taken: HashSet::new() }.map(&mut imported);
    Ok(imported)
}

/// Reads one file into the graph, in the syntax its name or its first
/// characters say.
fn parse(path: &Path, graph: &mut Graph) -> anyhow::Result<()> {
    let bytes = crate::util::fs::read(path)?;
    let base = base_iri(path);
    let extension = crate::vocab::extension(&path.to_string_lossy()).unwrap_or_default();
    let start = bytes
        .iter()
        .copied()
        .find(|b| !(b.is_ascii_whitespace() || *b == 0xEF || *b == 0xBB || *b == 0xBF));
    let syntax = match (extension.as_str(), start) {
        ("ttl" | "turtle", _) => Syntax::Turtle,
        ("nt", _) => Syntax::NTriples,
        ("jsonld" | "json", _) => Syntax::JsonLd,
        ("rdf" | "xml" | "owl", _) => Syntax::RdfXml,
        (_, Some(b'<')) => Syntax::RdfXml,
        (_, Some(b'{' | b'[')) => Syntax::JsonLd,
        _ => Syntax::Turtle,
    };
    let fail = |e: &dyn std::fmt::Display| {
        anyhow::anyhow!("{}: not valid {}: {e}", path.display(), syntax.name())
    };
    match syntax {
        Syntax::Turtle => {
            let mut parser = oxttl::TurtleParser::new();
            if let Some(base) = &base {
                parser = parser.with_base_iri(base.as_str()).map_err(|e| fail(&e))?;
            }
            for triple in parser.for_slice(&bytes) {
                graph.insert(&triple.map_err(|e| fail(&e))?);
            }
        }
        Syntax::NTriples => {
            for triple in oxttl::NTriplesParser::new().for_slice(&bytes) {
                graph.insert(&triple.map_err(|e| fail(&e))?);
            }
        }
        Syntax::RdfXml => {
            let mut parser = oxrdfxml::RdfXmlParser::new();
            if let Some(base) = &base {
                parser = parser.with_base_iri(base.as_str()).map_err(|e| fail(&e))?;
            }
            for triple in parser.for_slice(&bytes) {
                graph.insert(&triple.map_err(|e| fail(&e))?);
            }
        }
        Syntax::JsonLd => {
            let mut parser = oxjsonld::JsonLdParser::new();
            if let Some(base) = &base {
                parser = parser.with_base_iri(base.as_str()).map_err(|e| fail(&e))?;
            }
            for quad in parser.for_slice(&bytes) {
                let quad = quad.map_err(|e| {
                    let message = e.to_string();
                    if message.contains("load") || message.contains("remote") {
                        anyhow::anyhow!(
                            "{}: the JSON-LD names a remote @context, which ouvert cannot fetch (it reads nothing from the network): import the catalog's Turtle or RDF/XML form instead ({message})",
                            path.display()
                        )
                    } else {
                        fail(&e)
                    }
                })?;
                graph.insert(oxrdf::TripleRef::new(
                    &quad.subject,
                    &quad.predicate,
                    &quad.object,
                ));
            }
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Syntax {
    Turtle,
    NTriples,
    JsonLd,
    RdfXml,
}

impl Syntax {
    fn name(self) -> &'static str {
        match self {
            Syntax::Turtle => "Turtle",
            Syntax::NTriples => "N-Triples",
            Syntax::JsonLd => "JSON-LD",
            Syntax::RdfXml => "RDF/XML",
        }
    }
}

/// The file's address, against which relative addresses of the catalog
/// are read.
fn base_iri(path: &Path) -> Option<String> {
    let absolute = path.canonicalize().ok()?;
    let iri = format!(
        "file://{}",
        crate::util::url::encode_path(&absolute.to_string_lossy())
    );
    oxrdf::NamedNode::new(&iri).ok().map(|_| iri)
}

/// The addresses of further pages the graph names (Hydra's `next`, and
/// `nextPage` of its older version).
fn next_pages(graph: &Graph) -> Vec<String> {
    ["next", "nextPage"]
        .into_iter()
        .flat_map(|term| {
            let predicate = format!("{HYDRA}{term}");
            graph
                .triples_for_predicate(NamedNodeRef::new_unchecked(&predicate))
                .filter_map(|t| as_text(t.object))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The local file of a further page: a relative or `file:` address, else
/// the first page's file name with its number changed to the page's
/// (`catalog-1.jsonld` then `catalog-2.jsonld` for `…?page=2`).
fn local_page(first: &Path, address: &str) -> Option<PathBuf> {
    let folder = first.parent().unwrap_or(Path::new(""));
    if let Some(path) = address.strip_prefix("file://") {
        let path = PathBuf::from(crate::util::url::decode_path(path));
        return path.is_file().then_some(path);
    }
    if !address.contains("://") {
        let path = folder.join(address.split(['?', '#']).next().unwrap_or(address));
        return path.is_file().then_some(path);
    }
    let number = page_number(address)?;
    let name = first.file_name()?.to_string_lossy().into_owned();
    let digits_end = name.rfind(|c: char| c.is_ascii_digit())? + 1;
    let digits_start = name[..digits_end]
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    let candidate = folder.join(format!(
        "{}{number}{}",
        &name[..digits_start],
        &name[digits_end..]
    ));
    candidate.is_file().then_some(candidate)
}

/// `3` for `…?page=3`, `…/page/3` or `…?page3`.
fn page_number(address: &str) -> Option<u32> {
    let at = address.rfind("page")? + 4;
    let digits: String = address[at..]
        .trim_start_matches(['=', '/'])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The text of a literal or the address of a named node.
fn as_text(term: TermRef) -> Option<String> {
    match term {
        TermRef::Literal(literal) => Some(literal.value().trim().to_string()),
        TermRef::NamedNode(node) => Some(node.as_str().to_string()),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

fn as_node(term: TermRef) -> Option<NamedOrBlankNodeRef> {
    match term {
        TermRef::NamedNode(node) => Some(node.into()),
        TermRef::BlankNode(node) => Some(node.into()),
        _ => None,
    }
}

/// A property's prefixed name.
fn short(iri: &str) -> String {
    PREFIXES
        .iter()
        .find_map(|(prefix, namespace)| {
            iri.strip_prefix(namespace)
                .map(|rest| format!("{prefix}:{rest}"))
        })
        .unwrap_or_else(|| iri.to_string())
}

/// Reads the graph, remembering which properties of which nodes it used.
struct Mapping<'g> {
    graph: &'g Graph,
    taken: HashSet<(NamedOrBlankNodeRef<'g>, String)>,
}

impl<'g> Mapping<'g> {
    /// The values of a property, marked as read.
    fn values(
        &mut self,
        node: NamedOrBlankNodeRef<'g>,
        namespace: &str,
        term: &str,
    ) -> Vec<TermRef<'g>> {
        let predicate = format!("{namespace}{term}");
        let mut values: Vec<TermRef<'g>> = self
            .graph
            .objects_for_subject_predicate(node, NamedNodeRef::new_unchecked(&predicate))
            .collect();
        // The graph keeps no order: sorted, keywords and reports are the
        // same from one run to the next.
        values.sort_by_cached_key(|value| value.to_string());
        if !values.is_empty() {
            self.taken.insert((node, predicate));
        }
        values
    }

    /// A text value: the French one when the catalog gives several
    /// languages, else one without language, else any.
    fn text(
        &mut self,
        node: NamedOrBlankNodeRef<'g>,
        namespace: &str,
        term: &str,
    ) -> Option<String> {
        let values = self.values(node, namespace, term);
        let language = |t: &TermRef| match t {
            TermRef::Literal(l) => l.language().map(|l| l.to_ascii_lowercase()),
            _ => None,
        };
        let rank = |t: &TermRef| match language(t).as_deref() {
            Some(l) if l.starts_with("fr") => 0,
            None => 1,
            _ => 2,
        };
        values
            .iter()
            .filter(|t| as_text(**t).is_some())
            .min_by_key(|t| rank(t))
            .and_then(|t| as_text(*t))
    }

    /// The first of several properties that has a text.
    fn first_text(
        &mut self,
        node: NamedOrBlankNodeRef<'g>,
        properties: &[(&str, &str)],
    ) -> Option<String> {
        let mut found = None;
        for (namespace, term) in properties {
            let value = self.text(node, namespace, term);
            if found.is_none() {
                found = value;
            }
        }
        found
    }

    fn nodes(
        &mut self,
        node: NamedOrBlankNodeRef<'g>,
        namespace: &str,
        term: &str,
    ) -> Vec<NamedOrBlankNodeRef<'g>> {
        self.values(node, namespace, term)
            .into_iter()
            .filter_map(as_node)
            .collect()
    }

    fn has_type(&self, node: NamedOrBlankNodeRef<'g>, namespace: &str, class: &str) -> bool {
        let class = format!("{namespace}{class}");
        self.graph
            .objects_for_subject_predicate(node, rdf::TYPE)
            .any(|t| matches!(t, TermRef::NamedNode(n) if n.as_str() == class))
    }

    /// Reports the properties of `node` nothing read.
    fn leftovers(
        &self,
        node: NamedOrBlankNodeRef<'g>,
        dataset: &str,
        prefix: &str,
        unmapped: &mut super::Unmapped,
    ) {
        for triple in self.graph.triples_for_subject(node) {
            let predicate = triple.predicate.as_str();
            if triple.predicate == rdf::TYPE || self.taken.contains(&(node, predicate.to_string()))
            {
                continue;
            }
            let value = as_text(triple.object).unwrap_or_else(|| "(a description)".to_string());
            unmapped.note(
                Some(dataset),
                format!("{prefix}{}", short(predicate)),
                &value,
            );
        }
    }

    fn map(mut self, imported: &mut Imported) {
        let catalogs: Vec<_> = self
            .graph
            .subjects_for_predicate_object(
                rdf::TYPE,
                NamedNodeRef::new_unchecked(&format!("{DCAT}Catalog")),
            )
            .collect();
        let mut members: Vec<NamedOrBlankNodeRef<'g>> = Vec::new();
        for catalog in catalogs {
            if imported.title.is_none() {
                imported.title = self.text(catalog, DCT, "title");
            }
            if imported.description.is_none() {
                imported.description = self.text(catalog, DCT, "description");
            }
            if imported.licence.is_none() {
                imported.licence = self
                    .text(catalog, DCT, "license")
                    .and_then(|l| text::licence_of(&l));
            }
            if imported.publisher.is_none()
                && let Some(publisher) = self.nodes(catalog, DCT, "publisher").first().copied()
            {
                imported.publisher = self.organization(publisher, imported);
            }
            members.extend(self.nodes(catalog, DCAT, "dataset"));
        }
        // Datasets the catalog lists, then any other node typed as one
        // (Hydra pages list them as members; series are datasets too).
        for class in ["Dataset", "DatasetSeries"] {
            let typed = format!("{DCAT}{class}");
            members.extend(
                self.graph
                    .subjects_for_predicate_object(rdf::TYPE, NamedNodeRef::new_unchecked(&typed)),
            );
        }
        // In the order of their addresses, so a report never changes from
        // one run to the next (the graph keeps no order).
        let mut seen = HashSet::new();
        members.sort_by_cached_key(|node| natural_key(&node.to_string()));
        for node in members {
            // Listed by this page, described by another.
            if self.graph.triples_for_subject(node).next().is_none() {
                if seen.insert(node) {
                    imported.unmapped.note(
                        None,
                        "dcat:dataset",
                        &format!(
                            "{} (listed, not described in the files read)",
                            node.to_string().trim_matches(['<', '>'])
                        ),
                    );
                }
                continue;
            }
            if seen.insert(node) {
                let dataset = self.dataset(node, imported);
                imported.datasets.push(dataset);
            }
        }
    }

    fn dataset(&mut self, node: NamedOrBlankNodeRef<'g>, imported: &mut Imported) -> Dataset {
        let mut dataset = Dataset {
            title: self
                .text(node, DCT, "title")
                .unwrap_or_else(|| "Jeu de données sans titre".to_string()),
            ..Dataset::default()
        };
        let title = dataset.title.clone();
        // The folder name: the last part of its page address or identifier
        // when it reads as a name, else the title.
        let names = [
            self.text(node, DCAT, "landingPage"),
            self.text(node, DCT, "identifier"),
            Some(node.to_string().trim_matches(['<', '>']).to_string()),
        ];
        dataset.name = names
            .into_iter()
            .flatten()
            .filter_map(|address| readable_name(&address))
            .next()
            .unwrap_or_default();
        if let Some(description) = self.first_text(node, &[(DCT, "description"), (DCT, "abstract")])
        {
            dataset.describe(&description);
        }
        for keyword in self.values(node, DCAT, "keyword") {
            if let Some(keyword) = as_text(keyword) {
                dataset.keyword(&keyword);
            }
        }
        for theme in self.values(node, DCAT, "theme") {
            let label = match theme {
                TermRef::Literal(l) => Some(l.value().to_string()),
                TermRef::NamedNode(n) if text::theme_of(n.as_str()).is_some() => {
                    Some(n.as_str().to_string())
                }
                other => as_node(other)
                    .and_then(|n| self.first_text(n, &[(SKOS, "prefLabel"), (RDFS, "label")])),
            };
            match label {
                Some(label) => dataset.theme_or_keyword(&label),
                None => imported.unmapped.note(
                    Some(&title),
                    "dcat:theme",
                    &as_text(theme).unwrap_or_default(),
                ),
            }
        }
        if let Some(publisher) = self.nodes(node, DCT, "publisher").first().copied() {
            dataset.publisher = self.organization(publisher, imported);
        }
        if let Some(contact) = self.nodes(node, DCAT, "contactPoint").first().copied() {
            dataset.contact = Some(self.contact(contact)).filter(|c| !c.is_empty());
            self.leftovers(
                contact,
                &title,
                "dcat:contactPoint ",
                &mut imported.unmapped,
            );
        }
        for (namespace, term) in [(DCT, "license"), (DCT, "rights")] {
            for value in self.values(node, namespace, term) {
                let licence = self.licence(value);
                match licence {
                    Some(licence) if dataset.licence.is_none() => dataset.licence = Some(licence),
                    Some(_) => {}
                    None => imported.unmapped.note(
                        Some(&title),
                        short(&format!("{namespace}{term}")),
                        &self.label(value),
                    ),
                }
            }
        }
        for value in self.values(node, DCT, "accrualPeriodicity") {
            match as_text(value).as_deref().and_then(text::frequency_of) {
                Some(code) => dataset.frequency = Some(code),
                None => imported.unmapped.note(
                    Some(&title),
                    "dct:accrualPeriodicity",
                    &self.label(value),
                ),
            }
        }
        for value in self.values(node, DCT, "temporal") {
            match as_node(value).map(|period| self.period(period)) {
                Some(period @ (Some(_), _) | period @ (_, Some(_))) => {
                    dataset.temporal = Some(period)
                }
                _ => imported
                    .unmapped
                    .note(Some(&title), "dct:temporal", &self.label(value)),
            }
        }
        for value in self.values(node, DCT, "spatial") {
            match as_node(value).and_then(|place| self.place(place)) {
                Some(place) if dataset.spatial.is_none() => dataset.spatial = Some(place),
                Some(_) => {}
                None => imported
                    .unmapped
                    .note(Some(&title), "dct:spatial", &self.label(value)),
            }
        }
        dataset.created = self
            .first_text(node, &[(DCT, "issued"), (DCT, "created")])
            .and_then(|d| text::date_of(&d));
        dataset.modified = self
            .text(node, DCT, "modified")
            .and_then(|d| text::date_of(&d));
        let standards: Vec<String> = self
            .values(node, DCT, "conformsTo")
            .into_iter()
            .filter_map(as_text)
            .collect();
        let mut parts = self.nodes(node, DCAT, "distribution");
        for part in self.graph.objects_for_subject_predicate(
            node,
            NamedNodeRef::new_unchecked(&format!("{DCT}hasPart")),
        ) {
            // udata's older exports list distributions as parts.
            if let Some(part) = as_node(part).filter(|p| self.is_distribution(*p)) {
                self.taken.insert((node, format!("{DCT}hasPart")));
                parts.push(part);
            }
        }
        // RDF keeps no order: distributions named with numbers (as ouvert's
        // `#resource-2`) are put back in theirs.
        parts.sort_by_cached_key(|part| natural_key(&part.to_string()));
        for part in parts {
            let resource = self.distribution(part, &mut dataset, &title, imported);
            dataset.resources.extend(resource);
        }
        // The dataset's standards are its files' schemas; one the files do
        // not name goes to a lone file.
        for standard in standards {
            let named = dataset.resources.iter().any(|r| match &r.schema {
                Some(SchemaSource::Published(s)) => {
                    s.canonical_url().as_deref() == Some(standard.as_str())
                }
                Some(SchemaSource::Url(url)) => *url == standard,
                _ => false,
            });
            if named {
                continue;
            }
            match dataset.resources.as_mut_slice() {
                [only] if only.schema.is_none() => {
                    only.schema = Some(SchemaSource::of(&standard, Path::new("")))
                }
                _ => imported
                    .unmapped
                    .note(Some(&title), "dct:conformsTo", &standard),
            }
        }
        self.leftovers(node, &title, "", &mut imported.unmapped);
        dataset
    }

    fn is_distribution(&self, node: NamedOrBlankNodeRef<'g>) -> bool {
        self.has_type(node, DCAT, "Distribution")
            || ["accessURL", "downloadURL"].iter().any(|term| {
                let predicate = format!("{DCAT}{term}");
                self.graph
                    .object_for_subject_predicate(node, NamedNodeRef::new_unchecked(&predicate))
                    .is_some()
            })
    }

    fn distribution(
        &mut self,
        node: NamedOrBlankNodeRef<'g>,
        dataset: &mut Dataset,
        title: &str,
        imported: &mut Imported,
    ) -> Option<Resource> {
        let download = self.text(node, DCAT, "downloadURL");
        let access = self.text(node, DCAT, "accessURL");
        let Some(url) = download.or(access).filter(|u| crate::config::is_web_url(u)) else {
            imported.unmapped.note(
                Some(title),
                "dcat:distribution",
                &format!(
                    "{} (no web address)",
                    node.to_string().trim_matches(['<', '>'])
                ),
            );
            return None;
        };
        let mut resource = Resource::at(Location::Url(url.clone()));
        resource.title = self.text(node, DCT, "title");
        resource.description = self
            .text(node, DCT, "description")
            .map(|d| text::markdown_of(&d))
            .filter(|d| !d.is_empty());
        let format = self
            .first_text(node, &[(DCT, "format"), (DCAT, "mediaType")])
            .and_then(|f| format_label(&f));
        let has_extension = crate::vocab::extension(url.split(['?', '#']).next().unwrap_or(&url))
            .is_some_and(|e| crate::vocab::format_label(&format!("x.{e}")).is_some());
        if !has_extension {
            resource.format = format;
        }
        for value in self.values(node, DCT, "license") {
            match self.licence(value) {
                Some(licence) => {
                    dataset.licence.get_or_insert(licence);
                }
                None => imported.unmapped.note(
                    Some(title),
                    "distribution dct:license",
                    &self.label(value),
                ),
            }
        }
        if let Some(standard) = self
            .values(node, DCT, "conformsTo")
            .into_iter()
            .find_map(as_text)
        {
            resource.schema = Some(SchemaSource::of(&standard, Path::new("")));
        }
        self.leftovers(node, title, "distribution ", &mut imported.unmapped);
        Some(resource)
    }

    /// A licence named by address, by title, or by a licence document.
    fn licence(&mut self, value: TermRef<'g>) -> Option<&'static crate::vocab::Licence> {
        let direct = as_text(value).and_then(|v| text::licence_of(&v));
        direct.or_else(|| {
            let node = as_node(value)?;
            let title = self.first_text(
                node,
                &[(DCT, "title"), (RDFS, "label"), (SKOS, "prefLabel")],
            )?;
            text::licence_of(&title)
        })
    }

    /// How a value reads in the report.
    fn label(&mut self, value: TermRef<'g>) -> String {
        as_text(value)
            .or_else(|| {
                let node = as_node(value)?;
                self.first_text(
                    node,
                    &[
                        (SKOS, "prefLabel"),
                        (RDFS, "label"),
                        (DCT, "description"),
                        (DCT, "title"),
                    ],
                )
            })
            .unwrap_or_else(|| "(a description)".to_string())
    }

    fn organization(
        &mut self,
        node: NamedOrBlankNodeRef<'g>,
        imported: &mut Imported,
    ) -> Option<usize> {
        let name = self.first_text(
            node,
            &[
                (FOAF, "name"),
                (SKOS, "prefLabel"),
                (RDFS, "label"),
                (VCARD, "fn"),
                (DCT, "title"),
            ],
        )?;
        let mut organization = Organization::named(name);
        if let NamedOrBlankNodeRef::NamedNode(iri) = node {
            organization.slug = readable_name(iri.as_str().split('#').next().unwrap_or_default());
        }
        for id in [
            self.text(node, DCT, "identifier"),
            self.text(node, ADMS, "identifier"),
        ]
        .into_iter()
        .flatten()
        {
            organization.identified_by(&id);
        }
        organization.website = self
            .text(node, FOAF, "homepage")
            .filter(|u| crate::config::is_web_url(u));
        organization.email = self
            .text(node, FOAF, "mbox")
            .map(|m| m.trim_start_matches("mailto:").to_string())
            .filter(|m| crate::config::is_email(m));
        Some(imported.organization(organization))
    }

    fn contact(&mut self, node: NamedOrBlankNodeRef<'g>) -> Contact {
        let mut contact = Contact {
            name: self.first_text(node, &[(VCARD, "fn"), (VCARD, "organization-name")]),
            ..Contact::default()
        };
        if contact.name.is_none() {
            for org in self.nodes(node, VCARD, "org") {
                contact.name = self.text(org, VCARD, "organisation-name");
            }
        }
        contact.email = self
            .value_or_node(node, VCARD, "hasEmail")
            .map(|m| m.trim_start_matches("mailto:").to_string())
            .filter(|m| crate::config::is_email(m));
        contact.phone = self
            .value_or_node(node, VCARD, "hasTelephone")
            .map(|t| t.trim_start_matches("tel:").to_string());
        // udata writes `hasUrl`.
        contact.url = self
            .value_or_node(node, VCARD, "hasURL")
            .or_else(|| self.value_or_node(node, VCARD, "hasUrl"))
            .filter(|u| crate::config::is_web_url(u));
        contact
    }

    /// A vCard value, written directly or as a node with `vcard:hasValue`.
    fn value_or_node(
        &mut self,
        node: NamedOrBlankNodeRef<'g>,
        namespace: &str,
        term: &str,
    ) -> Option<String> {
        let value = self.values(node, namespace, term).into_iter().next()?;
        match value {
            TermRef::BlankNode(inner) => self.text(inner.into(), VCARD, "hasValue"),
            other => as_text(other),
        }
    }

    fn period(&mut self, node: NamedOrBlankNodeRef<'g>) -> (Option<String>, Option<String>) {
        let start = self
            .first_text(node, &[(DCAT, "startDate"), (SCHEMA, "startDate")])
            .and_then(|d| text::date_of(&d));
        let end = self
            .first_text(node, &[(DCAT, "endDate"), (SCHEMA, "endDate")])
            .and_then(|d| text::date_of(&d));
        (start, end)
    }

    fn place(&mut self, node: NamedOrBlankNodeRef<'g>) -> Option<Spatial> {
        let name = self.first_text(
            node,
            &[
                (SKOS, "prefLabel"),
                (RDFS, "label"),
                (LOCN, "geographicName"),
            ],
        );
        let insee: Vec<String> = self
            .values(node, DCT, "identifier")
            .into_iter()
            .filter_map(as_text)
            .filter(|code| crate::config::is_insee_code(code))
            .collect();
        (name.is_some() || !insee.is_empty()).then_some(Spatial { name, insee })
    }
}

/// The last part of an address when it reads as a name (`budget-2026`),
/// not as a number or an opaque identifier.
fn readable_name(address: &str) -> Option<String> {
    let last = address
        .split(['?', '#'])
        .next()?
        .trim_end_matches('/')
        .rsplit('/')
        .next()?;
    let slug = crate::util::text::slugify(last);
    let opaque = slug.is_empty()
        || slug.bytes().all(|b| b.is_ascii_digit())
        || (slug.len() >= 20 && slug.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'));
    (!opaque && slug == last.to_ascii_lowercase()).then_some(slug)
}

/// Sorts `resource-10` after `resource-9`.
fn natural_key(text: &str) -> (String, u64) {
    let digits = text.len()
        - text
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == '>')
            .len();
    let (stem, number) = text.split_at(text.len() - digits);
    (
        stem.to_string(),
        number.trim_end_matches('>').parse().unwrap_or(0),
    )
}

/// A format's short name: `CSV` from `http://…/file-type/CSV`, `text/csv`
/// or `csv`.
fn format_label(value: &str) -> Option<String> {
    let last = value
        .trim_end_matches('/')
        .rsplit(['/', '#'])
        .next()?
        .trim();
    let label = last
        .strip_prefix("vnd.")
        .unwrap_or(last)
        .to_ascii_uppercase();
    (!label.is_empty() && label.len() <= 12).then_some(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_come_from_readable_addresses_only() {
        assert_eq!(
            readable_name("https://donnees.clairval.example/datasets/budget-primitif-2026/")
                .as_deref(),
            Some("budget-primitif-2026")
        );
        assert_eq!(readable_name("http://data.test.org/datasets/3"), None);
        assert_eq!(
            readable_name("https://www.data.gouv.fr/datasets/5d13a8b6634f41070a43dff3"),
            None
        );
        assert_eq!(readable_name("FR-33071536800297-ATLAS_DCE"), None);
    }

    #[test]
    fn further_pages_are_found_beside_the_first() {
        assert_eq!(
            page_number("http://data.test.org/catalog.jsonld?page=2"),
            Some(2)
        );
        assert_eq!(
            page_number("http://data.test.org/catalog.json?page3"),
            Some(3)
        );
        assert_eq!(page_number("http://data.test.org/catalog.json"), None);
    }

    #[test]
    fn formats_read_as_short_names() {
        assert_eq!(
            format_label("http://publications.europa.eu/resource/authority/file-type/CSV")
                .as_deref(),
            Some("CSV")
        );
        assert_eq!(format_label("text/csv").as_deref(), Some("CSV"));
        assert_eq!(
            format_label("application/vnd.ms-excel").as_deref(),
            Some("MS-EXCEL")
        );
    }
}
