//! The Tweede Kamer's OData v4 API (gegevensmagazijn) as the test server plays it, under
//! `/tk` (the recorded cases, decisions, votes and publications of `realdata/tk-motions`),
//! `/tk-bulk` (those plus cases synthesised from them, for volume) and `/tk-early` (the bulk
//! cases up to one change moment, to sync before `/tk-bulk`).
//!
//! Each rule with its public source:
//! - **250 records an answer, then `@odata.nextLink`**: the portal's documentation as quoted
//!   in TweedeKamerDerStaten-Generaal/OpenDataPortaal issue #70 ("Wanneer een query meer dan
//!   250 resultaten geeft ... een query die leidt naar de volgende pagina"); openkamer/tkapi
//!   `tkapi/tkapi.py` `get_all_items` follows the link until it is absent.
//! - **No nextLink when `$top` is set**, however many records match: issue #70 asks for one
//!   and is closed *wontfix*. How many records `$top` above 250 gives is not documented; here
//!   at most 250 (unverified).
//! - **`$filter`, `$orderby`, `$expand`, `$skip`, `$top`, `$select`, `$count`, `$format`**
//!   are the system query options understood (OData v4.0 Part 2, URL Conventions, section
//!   5); another `$` option is answered 400 with an OData error body (OData v4.0 JSON Format,
//!   section 21, `{"error": {"code", "message"}}`). The message's wording is ours.
//! - **Property and navigation names are checked against the service's CSDL**
//!   (`realdata/tk-schema/tk_odata_v4_metadata.xml`); an unknown one in `$filter`,
//!   `$orderby` or `$expand` is a 400 OData error, as an OData service must refuse a path it
//!   cannot resolve (URL Conventions 5.1.1 and 5.1.2).
//! - **Navigation properties appear only when `$expand`ed** (URL Conventions 5.1.2): a Zaak
//!   asked for with `Document($expand=HuidigeDocumentVersie)` has no DocumentPublicatie.
//! - **`$filter` on `ApiGewijzigdOp`** and the other properties: comparisons, `and`, `or`,
//!   `not`, parentheses and `Nav/any(x: ...)` lambdas (URL Conventions 5.1.1; tkapi
//!   `tkapi/filter.py` writes `any(z: ...)` filters). Date-times compare as moments.
//! - **`DocumentPublicatie(<id>)/Resource`** gives the publication's file (the CSDL's bound
//!   function `Resource` on DocumentPublicatie; the recorded XML files); an unknown id is 404.
//!
//! Not played (unverified without the live service): whether expanded collections are paged
//! themselves (a roll call has 150 rows, under 250), `$skiptoken`, the nextLink's exact form
//! (absolute on the live service; relative here, which OData allows), throttling.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value, json};

use super::Answer;

/// Records an answer holds at most (the service's own page size).
const PAGE: usize = 250;

/// The change moment that most synthesised cases share (more than a page of them).
pub const TIE: &str = "2025-11-03T08:00:00.1234567Z";
/// A later moment: the cases "published" after [`TIE`].
const LATER: &str = "2025-11-04T09:30:00.5Z";

/// An entity type of the CSDL: its properties and navigation properties (name -> (target
/// type, collection)).
#[derive(Default)]
struct EntityType {
    props: HashSet<String>,
    navs: HashMap<String, (String, bool)>,
}

struct Schema {
    types: HashMap<String, EntityType>,
    /// Entity set -> entity type.
    sets: HashMap<String, String>,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

fn short(t: &str) -> String {
    let t = t
        .strip_prefix("Collection(")
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(t);
    t.rsplit('.').next().unwrap_or(t).to_owned()
}

impl Schema {
    fn load(csdl: &str) -> Schema {
        let mut types = HashMap::new();
        let mut sets = HashMap::new();
        let mut current: Option<(String, EntityType)> = None;
        for tag in csdl.split('<').map(|t| t.split('>').next().unwrap_or("")) {
            if tag.starts_with("EntityType ") {
                if let Some((n, t)) = current.take() {
                    types.insert(n, t);
                }
                current = attr(tag, "Name").map(|n| (n.to_owned(), EntityType::default()));
            } else if tag.starts_with("/EntityType") {
                if let Some((n, t)) = current.take() {
                    types.insert(n, t);
                }
            } else if let Some((_, t)) = current.as_mut() {
                if tag.starts_with("Property ") {
                    if let Some(n) = attr(tag, "Name") {
                        t.props.insert(n.to_owned());
                    }
                } else if tag.starts_with("NavigationProperty ")
                    && let (Some(n), Some(ty)) = (attr(tag, "Name"), attr(tag, "Type"))
                {
                    t.navs
                        .insert(n.to_owned(), (short(ty), ty.starts_with("Collection(")));
                }
            }
            if tag.starts_with("EntitySet ")
                && let (Some(n), Some(ty)) = (attr(tag, "Name"), attr(tag, "EntityType"))
            {
                sets.insert(n.to_owned(), short(ty));
            }
        }
        Schema { types, sets }
    }
}

/// One version of the service's data.
#[derive(Default)]
struct Dataset {
    sets: HashMap<String, Vec<Value>>,
    /// DocumentPublicatie id -> the file.
    publications: HashMap<String, Vec<u8>>,
}

pub(super) struct Tk {
    schema: Schema,
    recorded: Dataset,
    zaken: Vec<Value>,
    stemmingen: Vec<Value>,
    toezeggingen: Vec<Value>,
    publications: HashMap<String, Vec<u8>>,
    bulk: OnceLock<Dataset>,
    early: OnceLock<Dataset>,
}

fn json_file(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Decisions with their votes, from Stemming rows that carry their Besluit.
fn besluiten(stemmingen: &[Value]) -> Vec<Value> {
    let mut order: Vec<String> = Vec::new();
    let mut by_id: HashMap<String, Value> = HashMap::new();
    for row in stemmingen {
        let Some(b) = row.get("Besluit").and_then(Value::as_object) else {
            continue;
        };
        let id = b.get("Id").and_then(Value::as_str).unwrap_or("").to_owned();
        let entry = by_id.entry(id.clone()).or_insert_with(|| {
            order.push(id);
            let mut b = b.clone();
            b.insert("Stemming".into(), json!([]));
            Value::Object(b)
        });
        let mut vote = row.as_object().cloned().unwrap_or_default();
        vote.remove("Besluit");
        if let Some(list) = entry.get_mut("Stemming").and_then(Value::as_array_mut) {
            list.push(Value::Object(vote));
        }
    }
    order
        .into_iter()
        .filter_map(|id| by_id.remove(&id))
        .collect()
}

/// Stemming rows, each with its Besluit, from decisions with their votes.
fn stemming_rows(besluiten: &[Value]) -> Vec<Value> {
    let mut rows = Vec::new();
    for b in besluiten {
        let mut head = b.as_object().cloned().unwrap_or_default();
        let votes = head.remove("Stemming");
        for v in votes
            .as_ref()
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let mut v = v.as_object().cloned().unwrap_or_default();
            v.insert("Besluit".into(), Value::Object(head.clone()));
            rows.push(Value::Object(v));
        }
    }
    rows
}

/// A recorded record as the `k`th synthesised copy: other Guids (the first group of each
/// `Id` or `*_Id` becomes `k`), other case numbers (`2025Z03290` -> `2025Z803290`).
fn copy(v: &Value, k: u32) -> Value {
    match v {
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(key, val)| {
                    let new = match val {
                        Value::String(s)
                            if (key == "Id" || key.ends_with("_Id")) && s.len() == 36 =>
                        {
                            json!(format!("{k:08x}{}", &s[8..]))
                        }
                        Value::String(s) if key == "Nummer" && s.contains('Z') => {
                            let (year, rest) = s.split_once('Z').unwrap_or((s, ""));
                            json!(format!("{year}Z{k}{rest}"))
                        }
                        other => copy(other, k),
                    };
                    (key.clone(), new)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|x| copy(x, k)).collect()),
        other => other.clone(),
    }
}

/// The publication of a copy: the recorded file with its own sub-number, so that each copy's
/// text is a document of its own.
fn copied_publication(xml: &[u8], k: u32) -> Vec<u8> {
    let text = String::from_utf8_lossy(xml);
    match text.find("</ondernummer>") {
        Some(end) => format!("{}-s{k}{}", &text[..end], &text[end..]).into_bytes(),
        None => xml.to_vec(),
    }
}

fn publication_ids(zaak: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for d in zaak
        .get("Document")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        for p in d
            .pointer("/HuidigeDocumentVersie/DocumentPublicatie")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(id) = p.get("Id").and_then(Value::as_str) {
                out.push(id.to_owned());
            }
        }
    }
    out
}

impl Tk {
    pub(super) fn load(realdata: &Path, fixtures: &Path) -> Tk {
        let csdl_path = realdata.join("tk-schema/tk_odata_v4_metadata.xml");
        let csdl = std::fs::read_to_string(&csdl_path)
            .unwrap_or_else(|e| panic!("{}: {e}", csdl_path.display()));
        let mut files: Vec<_> = std::fs::read_dir(realdata.join("tk-motions/zaak"))
            .expect("zaak folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        let zaken: Vec<Value> = files.iter().map(|p| json_file(p)).collect();
        let stemmingen = json_file(&realdata.join("tk-motions/stemming_odata.json"))["value"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let toezeggingen = json_file(&fixtures.join("registers/tk_toezeggingen.json"))["value"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let publications: HashMap<String, Vec<u8>> =
            std::fs::read_dir(realdata.join("tk-motions/publicatie"))
                .expect("publicatie folder")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter_map(|p| {
                    let id = p.file_stem()?.to_string_lossy().to_string();
                    Some((id, std::fs::read(&p).ok()?))
                })
                .collect();
        let mut recorded = Dataset::default();
        recorded.sets.insert("Zaak".into(), zaken.clone());
        recorded
            .sets
            .insert("Besluit".into(), besluiten(&stemmingen));
        recorded
            .sets
            .insert("Toezegging".into(), toezeggingen.clone());
        recorded.publications = publications.clone();
        Tk {
            schema: Schema::load(&csdl),
            recorded,
            zaken,
            stemmingen,
            toezeggingen,
            publications,
            bulk: OnceLock::new(),
            early: OnceLock::new(),
        }
    }

    /// The recorded data and eight synthesised copies of it (720 cases with their decisions,
    /// votes and publications), and one roll call of 150 members on a case of its own. Copies
    /// 1-4 became visible in the API at one moment ([`TIE`]), copies 5-8 a day later.
    fn build_bulk(&self) -> Dataset {
        let mut zaken = self.zaken.clone();
        let mut decisions = besluiten(&self.stemmingen);
        let mut publications = self.publications.clone();
        let recorded_decisions = decisions.clone();
        for k in 1..=8u32 {
            let stamp = if k <= 4 { TIE } else { LATER };
            for z in &self.zaken {
                let mut c = copy(z, k);
                c["ApiGewijzigdOp"] = json!(stamp);
                for (old, new) in publication_ids(z).iter().zip(publication_ids(&c)) {
                    if let Some(xml) = self.publications.get(old) {
                        publications.insert(new, copied_publication(xml, k));
                    }
                }
                zaken.push(c);
            }
            decisions.extend(recorded_decisions.iter().map(|b| {
                let mut c = copy(b, k);
                c["ApiGewijzigdOp"] = json!(stamp);
                c
            }));
        }
        // A roll call on a case of its own: 150 members, half of the rows corrected later, so
        // that in a listing of Stemming by change moment they are far apart.
        let first = &recorded_decisions[0];
        let mut roll = copy(first, 9);
        roll["StemmingsSoort"] = json!("Hoofdelijk");
        let template = first["Stemming"][0].clone();
        let votes: Vec<Value> = (0..150u32)
            .map(|i| {
                let mut v = copy(&template, 9);
                v["Id"] = json!(format!("00000009-0000-4000-8000-{i:012}"));
                v["Persoon_Id"] = json!(format!("00000009-0000-4000-9000-{i:012}"));
                v["ActorNaam"] = json!(format!("Lid{i}, A."));
                v["ActorFractie"] = json!(if i % 2 == 0 { "GroenLinks-PvdA" } else { "VVD" });
                v["FractieGrootte"] = Value::Null;
                v["Soort"] = json!(if i < 80 { "Voor" } else { "Tegen" });
                v["ApiGewijzigdOp"] = json!(if i < 75 {
                    "2019-05-01T10:00:00Z"
                } else {
                    LATER
                });
                v
            })
            .collect();
        roll["Stemming"] = Value::Array(votes);
        roll["ApiGewijzigdOp"] = json!(LATER);
        for z in roll
            .pointer("/Agendapunt/Zaak")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let id = z["Id"].as_str().unwrap_or("");
            if let Some(full) = self
                .zaken
                .iter()
                .find(|r| copy(r, 9)["Id"].as_str() == Some(id))
            {
                let mut c = copy(full, 9);
                c["ApiGewijzigdOp"] = json!(LATER);
                for (old, new) in publication_ids(full).iter().zip(publication_ids(&c)) {
                    if let Some(xml) = self.publications.get(old) {
                        publications.insert(new, copied_publication(xml, 9));
                    }
                }
                zaken.push(c);
            }
        }
        decisions.push(roll);
        let mut data = Dataset::default();
        data.sets.insert("Zaak".into(), zaken);
        data.sets.insert("Besluit".into(), decisions);
        data.sets
            .insert("Toezegging".into(), self.toezeggingen.clone());
        data.publications = publications;
        data
    }

    fn dataset(&self, name: &str) -> Option<&Dataset> {
        match name {
            "tk" => Some(&self.recorded),
            "tk-bulk" => Some(self.bulk.get_or_init(|| self.build_bulk())),
            "tk-early" => Some(self.early.get_or_init(|| {
                let mut d = self.build_bulk();
                let tie = moment(TIE);
                let mut kept = HashSet::new();
                if let Some(z) = d.sets.get_mut("Zaak") {
                    z.retain(|r| moment(r["ApiGewijzigdOp"].as_str().unwrap_or("")) <= tie);
                    kept.extend(z.iter().filter_map(|r| r["Id"].as_str().map(str::to_owned)));
                }
                // The decisions on the cases not yet published are not either.
                if let Some(b) = d.sets.get_mut("Besluit") {
                    b.retain(|r| {
                        r.pointer("/Agendapunt/Zaak")
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                            .all(|z| z["Id"].as_str().is_some_and(|id| kept.contains(id)))
                    });
                }
                d
            })),
            _ => None,
        }
    }

    /// Answers `path` (after the service's root) of the dataset named `name`.
    pub(super) fn route(&self, name: &str, path: &str, query: &str) -> Answer {
        let data = self.dataset(name)?;
        if let Some(rest) = path.strip_prefix("DocumentPublicatie(") {
            let id = rest.strip_suffix(")/Resource")?;
            let bytes = data.publications.get(id)?;
            return Some((200, "application/xml", bytes.clone()));
        }
        let type_name = self.schema.sets.get(path)?.clone();
        let derived;
        let records: &[Value] = match (path, data.sets.get(path)) {
            (_, Some(r)) => r,
            ("Stemming", None) => {
                derived = stemming_rows(data.sets.get("Besluit").map_or(&[][..], Vec::as_slice));
                &derived
            }
            _ => &[],
        };
        match self.answer(path, &type_name, records, query) {
            Ok(v) => Some((200, "application/json", v.to_string().into_bytes())),
            Err(message) => Some((
                400,
                "application/json",
                json!({"error": {"code": "", "message": message}})
                    .to_string()
                    .into_bytes(),
            )),
        }
    }

    fn answer(&self, set: &str, ty: &str, records: &[Value], query: &str) -> Result<Value, String> {
        let mut options: HashMap<String, String> = HashMap::new();
        for kv in query.split('&').filter(|kv| !kv.is_empty()) {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            let k = decode(k);
            if k.starts_with('$')
                && ![
                    "$filter", "$orderby", "$expand", "$skip", "$top", "$select", "$count",
                    "$format",
                ]
                .contains(&k.as_str())
            {
                return Err(format!("The query parameter '{k}' is not supported."));
            }
            options.insert(k, decode(v));
        }
        let filter = match options.get("$filter") {
            Some(f) => Some(Parser::new(f).parse_all()?),
            None => None,
        };
        if let Some(f) = &filter {
            self.check(f, ty, &HashMap::new())?;
        }
        let expand = match options.get("$expand") {
            Some(e) => parse_expand(e)?,
            None => Vec::new(),
        };
        self.check_expand(&expand, ty)?;
        let mut order: Vec<(String, bool)> = Vec::new();
        for part in options
            .get("$orderby")
            .map(String::as_str)
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let mut words = part.split_whitespace();
            let prop = words.next().unwrap_or("").to_owned();
            let desc = words.next() == Some("desc");
            if !self.types(ty)?.props.contains(&prop) {
                return Err(self.unknown(&prop, ty));
            }
            order.push((prop, desc));
        }
        let number = |name: &str| -> Result<Option<usize>, String> {
            options
                .get(name)
                .map(|v| {
                    v.parse::<usize>()
                        .map_err(|_| format!("{name}: not a number: {v}"))
                })
                .transpose()
        };
        let skip = number("$skip")?.unwrap_or(0);
        let top = number("$top")?;
        let mut matching: Vec<&Value> = Vec::new();
        for r in records {
            if match &filter {
                Some(f) => truthy(&eval(f, r, &HashMap::new())),
                None => true,
            } {
                matching.push(r);
            }
        }
        matching.sort_by(|a, b| {
            for (prop, desc) in &order {
                let o = compare(&a[prop.as_str()], &b[prop.as_str()])
                    .unwrap_or(std::cmp::Ordering::Equal);
                let o = if *desc { o.reverse() } else { o };
                if o.is_ne() {
                    return o;
                }
            }
            std::cmp::Ordering::Equal
        });
        let size = top.map_or(PAGE, |t| t.min(PAGE));
        let page: Vec<Value> = matching
            .iter()
            .skip(skip)
            .take(size)
            .map(|r| self.shape(r, ty, &expand, options.get("$select")))
            .collect();
        let mut out = json!({"@odata.context": format!("$metadata#{set}"), "value": page});
        if options.get("$count").map(String::as_str) == Some("true") {
            out["@odata.count"] = json!(matching.len());
        }
        // Issue #70: with $top there is no next link, even when more records match.
        if top.is_none() && skip + size < matching.len() {
            let rest: Vec<&str> = query
                .split('&')
                .filter(|kv| {
                    let k = decode(kv.split('=').next().unwrap_or(""));
                    k != "$skip"
                })
                .collect();
            out["@odata.nextLink"] =
                json!(format!("{set}?{}&$skip={}", rest.join("&"), skip + size));
        }
        Ok(out)
    }

    fn types(&self, ty: &str) -> Result<&EntityType, String> {
        self.schema
            .types
            .get(ty)
            .ok_or_else(|| format!("The type 'TK.DA.GGM.OData.{ty}' is not known."))
    }

    fn unknown(&self, name: &str, ty: &str) -> String {
        format!("Could not find a property named '{name}' on type 'TK.DA.GGM.OData.{ty}'.")
    }

    /// Every property a filter names exists on its type (lambda variables on the type of
    /// their collection).
    fn check(&self, e: &Expr, ty: &str, vars: &HashMap<String, String>) -> Result<(), String> {
        match e {
            Expr::Path(p) => {
                let (ty, rest) = match vars.get(&p[0]) {
                    Some(t) => (t.as_str(), &p[1..]),
                    None => (ty, &p[..]),
                };
                if rest.is_empty() {
                    return Ok(());
                }
                self.check_path(ty, rest).map(|_| ())
            }
            Expr::Any(p, var, body) => {
                let (ty0, rest) = match vars.get(&p[0]) {
                    Some(t) => (t.as_str(), &p[1..]),
                    None => (ty, &p[..]),
                };
                let target = self.check_path(ty0, rest)?;
                if let (Some(v), Some(b)) = (var, body) {
                    let mut vars = vars.clone();
                    vars.insert(v.clone(), target);
                    self.check(b, ty, &vars)?;
                }
                Ok(())
            }
            Expr::Not(a) => self.check(a, ty, vars),
            Expr::Bin(_, a, b) => {
                self.check(a, ty, vars)?;
                self.check(b, ty, vars)
            }
            Expr::Lit(_) => Ok(()),
        }
    }

    /// The type a path ends on.
    fn check_path(&self, ty: &str, path: &[String]) -> Result<String, String> {
        let mut ty = ty.to_owned();
        for seg in path {
            let t = self.types(&ty)?;
            if let Some((target, _)) = t.navs.get(seg) {
                ty = target.clone();
            } else if t.props.contains(seg) {
                ty = String::new();
            } else {
                return Err(self.unknown(seg, &ty));
            }
        }
        Ok(ty)
    }

    fn check_expand(&self, items: &[Expand], ty: &str) -> Result<(), String> {
        for e in items {
            let t = self.types(ty)?;
            let Some((target, _)) = t.navs.get(&e.name) else {
                return Err(self.unknown(&e.name, ty));
            };
            self.check_expand(&e.inner, target)?;
        }
        Ok(())
    }

    /// A record as answered: its navigation properties only when expanded (an expanded one
    /// the data lacks is empty), its properties only those `$select`ed.
    fn shape(&self, r: &Value, ty: &str, expand: &[Expand], select: Option<&String>) -> Value {
        let Some(o) = r.as_object() else {
            return r.clone();
        };
        let Some(t) = self.schema.types.get(ty) else {
            return r.clone();
        };
        let selected: Option<HashSet<&str>> = select.map(|s| s.split(',').map(str::trim).collect());
        let mut out = Map::new();
        for (k, v) in o {
            if t.navs.contains_key(k) {
                continue;
            }
            if selected.as_ref().is_none_or(|s| s.contains(k.as_str())) {
                out.insert(k.clone(), v.clone());
            }
        }
        for e in expand {
            let Some((target, many)) = t.navs.get(&e.name) else {
                continue;
            };
            let value = match o.get(&e.name) {
                Some(Value::Array(list)) => Value::Array(
                    list.iter()
                        .map(|x| self.shape(x, target, &e.inner, None))
                        .collect(),
                ),
                Some(Value::Object(_)) => self.shape(&o[e.name.as_str()], target, &e.inner, None),
                _ if *many => json!([]),
                _ => Value::Null,
            };
            out.insert(e.name.clone(), value);
        }
        Value::Object(out)
    }
}

fn moment(s: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).ok()
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// An `$expand` item: a navigation property and what is expanded below it.
struct Expand {
    name: String,
    inner: Vec<Expand>,
}

/// `A,B($expand=C($expand=D);$select=X)`.
fn parse_expand(s: &str) -> Result<Vec<Expand>, String> {
    let mut out = Vec::new();
    for item in split_top(s, ',') {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let (name, options) = match item.find('(') {
            Some(i) if item.ends_with(')') => (&item[..i], &item[i + 1..item.len() - 1]),
            Some(_) => return Err(format!("Syntax error in $expand at '{item}'.")),
            None => (item, ""),
        };
        let mut inner = Vec::new();
        for opt in split_top(options, ';') {
            if let Some(e) = opt.trim().strip_prefix("$expand=") {
                inner = parse_expand(e)?;
            }
        }
        out.push(Expand {
            name: name.trim().to_owned(),
            inner,
        });
    }
    Ok(out)
}

/// Splits on `sep` outside parentheses.
fn split_top(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if c == sep && depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

#[derive(Debug, Clone)]
enum Expr {
    Lit(Value),
    Path(Vec<String>),
    /// `path/any(var: body)` or `path/any()`.
    Any(Vec<String>, Option<String>, Option<Box<Expr>>),
    Not(Box<Expr>),
    Bin(String, Box<Expr>, Box<Expr>),
}

struct Parser {
    tokens: Vec<String>,
    pos: usize,
}

impl Parser {
    fn new(s: &str) -> Parser {
        let mut tokens = Vec::new();
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_whitespace() {
                i += 1;
            } else if "(),:".contains(c) {
                tokens.push(c.to_string());
                i += 1;
            } else if c == '\'' {
                let mut t = String::from("'");
                i += 1;
                while i < chars.len() {
                    if chars[i] == '\'' && chars.get(i + 1) == Some(&'\'') {
                        t.push('\'');
                        i += 2;
                    } else if chars[i] == '\'' {
                        i += 1;
                        break;
                    } else {
                        t.push(chars[i]);
                        i += 1;
                    }
                }
                tokens.push(t);
            } else {
                // A date-time literal holds colons; a lambda's variable ends at one.
                let start = i;
                let literal = c.is_ascii_digit();
                while i < chars.len()
                    && !chars[i].is_whitespace()
                    && !"(),'".contains(chars[i])
                    && (literal || chars[i] != ':')
                {
                    i += 1;
                }
                tokens.push(chars[start..i].iter().collect());
            }
        }
        Parser { tokens, pos: 0 }
    }

    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.pos).map(String::as_str)
    }

    fn next(&mut self) -> Result<String, String> {
        let t = self
            .tokens
            .get(self.pos)
            .cloned()
            .ok_or("Syntax error: the $filter ends too early.")?;
        self.pos += 1;
        Ok(t)
    }

    fn expect(&mut self, t: &str) -> Result<(), String> {
        let got = self.next()?;
        if got == t {
            Ok(())
        } else {
            Err(format!(
                "Syntax error in $filter: '{t}' expected, '{got}' found."
            ))
        }
    }

    fn parse_all(&mut self) -> Result<Expr, String> {
        let e = self.or()?;
        match self.peek() {
            None => Ok(e),
            Some(t) => Err(format!("Syntax error in $filter at '{t}'.")),
        }
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut e = self.and()?;
        while self.peek() == Some("or") {
            self.pos += 1;
            e = Expr::Bin("or".into(), Box::new(e), Box::new(self.and()?));
        }
        Ok(e)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut e = self.unary()?;
        while self.peek() == Some("and") {
            self.pos += 1;
            e = Expr::Bin("and".into(), Box::new(e), Box::new(self.unary()?));
        }
        Ok(e)
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if self.peek() == Some("not") {
            self.pos += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        let left = self.operand()?;
        match self.peek() {
            Some(op @ ("eq" | "ne" | "gt" | "ge" | "lt" | "le")) => {
                let op = op.to_owned();
                self.pos += 1;
                let right = self.operand()?;
                Ok(Expr::Bin(op, Box::new(left), Box::new(right)))
            }
            _ => Ok(left),
        }
    }

    fn operand(&mut self) -> Result<Expr, String> {
        let t = self.next()?;
        if t == "(" {
            let e = self.or()?;
            self.expect(")")?;
            return Ok(e);
        }
        if let Some(s) = t.strip_prefix('\'') {
            return Ok(Expr::Lit(json!(s)));
        }
        match t.as_str() {
            "true" => return Ok(Expr::Lit(json!(true))),
            "false" => return Ok(Expr::Lit(json!(false))),
            "null" => return Ok(Expr::Lit(Value::Null)),
            _ => {}
        }
        if t.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            if let Ok(n) = t.parse::<f64>() {
                return Ok(Expr::Lit(json!(n)));
            }
            if moment(&t).is_some() {
                return Ok(Expr::Lit(json!(t)));
            }
            return Err(format!("Syntax error in $filter: '{t}' is no literal."));
        }
        let mut path: Vec<String> = t.split('/').map(str::to_owned).collect();
        // `Nav/any(...)`: the lambda.
        if path.last().map(String::as_str) == Some("any") {
            path.pop();
            self.expect("(")?;
            if self.peek() == Some(")") {
                self.pos += 1;
                return Ok(Expr::Any(path, None, None));
            }
            let var = self.next()?;
            self.expect(":")?;
            let body = self.or()?;
            self.expect(")")?;
            return Ok(Expr::Any(path, Some(var), Some(Box::new(body))));
        }
        if path.iter().any(|p| p.is_empty()) {
            return Err(format!("Syntax error in $filter at '{t}'."));
        }
        Ok(Expr::Path(path))
    }
}

fn truthy(v: &Value) -> bool {
    v.as_bool() == Some(true)
}

/// Compares two values: date-times as moments, numbers as numbers, text as text.
fn compare(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Value::String(x), Value::String(y)) => match (moment(x), moment(y)) {
            (Some(x), Some(y)) => Some(x.cmp(&y)),
            _ => Some(x.cmp(y)),
        },
        (Value::Number(x), Value::Number(y)) => x.as_f64()?.partial_cmp(&y.as_f64()?),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        (Value::Null, Value::Null) => Some(std::cmp::Ordering::Equal),
        // Nothing sorts before something.
        (Value::Null, _) => Some(std::cmp::Ordering::Less),
        (_, Value::Null) => Some(std::cmp::Ordering::Greater),
        _ => None,
    }
}

fn lookup(root: &Value, vars: &HashMap<String, Value>, path: &[String]) -> Value {
    let (mut cur, rest) = match vars.get(&path[0]) {
        Some(v) => (v, &path[1..]),
        None => (root, path),
    };
    for seg in rest {
        match cur.get(seg) {
            Some(v) => cur = v,
            None => return Value::Null,
        }
    }
    cur.clone()
}

fn eval(e: &Expr, r: &Value, vars: &HashMap<String, Value>) -> Value {
    match e {
        Expr::Lit(v) => v.clone(),
        Expr::Path(p) => lookup(r, vars, p),
        Expr::Not(a) => json!(!truthy(&eval(a, r, vars))),
        Expr::Any(p, var, body) => {
            let list = lookup(r, vars, p);
            let items = list.as_array().cloned().unwrap_or_default();
            let hit = match (var, body) {
                (Some(var), Some(body)) => items.into_iter().any(|item| {
                    let mut vars = vars.clone();
                    vars.insert(var.clone(), item);
                    truthy(&eval(body, r, &vars))
                }),
                _ => !items.is_empty(),
            };
            json!(hit)
        }
        Expr::Bin(op, a, b) => {
            let x = eval(a, r, vars);
            match op.as_str() {
                "and" => return json!(truthy(&x) && truthy(&eval(b, r, vars))),
                "or" => return json!(truthy(&x) || truthy(&eval(b, r, vars))),
                _ => {}
            }
            let y = eval(b, r, vars);
            let o = compare(&x, &y);
            json!(match op.as_str() {
                "eq" => o.is_some_and(|o| o.is_eq()),
                "ne" => !o.is_some_and(|o| o.is_eq()),
                // A comparison with null is false (URL Conventions 5.1.1.1).
                _ if x.is_null() || y.is_null() => false,
                "gt" => o.is_some_and(|o| o.is_gt()),
                "ge" => o.is_some_and(|o| o.is_ge()),
                "lt" => o.is_some_and(|o| o.is_lt()),
                "le" => o.is_some_and(|o| o.is_le()),
                _ => false,
            })
        }
    }
}
