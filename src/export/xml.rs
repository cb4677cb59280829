//! GraphML and GEXF 1.3, written with quick-xml (which escapes every attribute and text). Both
//! declare each attribute with its type once, and give every actor every node attribute; the
//! trust and value ratings of a partnership are written only when the profile gives them.

use super::{Edge, Graph, Node};
use crate::render::escape;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io;

type Xml = Writer<Vec<u8>>;

/// The type of an attribute, named as GraphML and GEXF name it.
#[derive(Clone, Copy)]
enum Type {
    String,
    Boolean,
    Int,
    Double,
}

impl Type {
    fn graphml(self) -> &'static str {
        match self {
            Type::String => "string",
            Type::Boolean => "boolean",
            Type::Int => "int",
            Type::Double => "double",
        }
    }
    fn gexf(self) -> &'static str {
        match self {
            Type::Int => "integer",
            other => other.graphml(),
        }
    }
}

/// Node attributes, besides the label, in the order of [`node_values`].
const NODE_ATTRIBUTES: [(&str, Type); 10] = [
    ("sector", Type::String),
    ("commitment", Type::String),
    ("status", Type::String),
    ("group", Type::String),
    ("districts", Type::String),
    ("lived_experience_led", Type::Boolean),
    ("degree", Type::Int),
    ("betweenness", Type::Double),
    ("closeness", Type::Double),
    ("sector_name", Type::String),
];

/// Edge attributes, in the order of [`edge_values`].
const EDGE_ATTRIBUTES: [(&str, Type); 8] = [
    ("kind", Type::String),
    ("formal", Type::Boolean),
    ("formality", Type::String),
    ("directed", Type::Boolean),
    ("warm_handover", Type::Boolean),
    ("strength", Type::Int),
    ("trust", Type::Int),
    ("value", Type::Int),
];

fn node_values(n: &Node) -> [String; 10] {
    [
        n.sector.clone(),
        n.commitment.to_owned(),
        n.status.to_owned(),
        n.group.clone(),
        // Districts as one string, `;`-separated (empty: the whole city).
        n.districts.join(";"),
        n.lived_experience_led.to_string(),
        n.degree.to_string(),
        n.betweenness.to_string(),
        n.closeness.to_string(),
        n.sector_name.clone(),
    ]
}

fn edge_values(e: &Edge) -> [Option<String>; 8] {
    [
        Some(e.kind.clone()),
        Some(e.formal.to_string()),
        Some(e.formality.to_owned()),
        Some(e.directed.to_string()),
        Some(e.warm_handover.to_string()),
        Some(e.strength.to_string()),
        e.trust.map(|t| t.to_string()),
        e.value.map(|v| v.to_string()),
    ]
}

fn document(body: impl FnOnce(&mut Xml) -> io::Result<()>) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| body(&mut w))
        .expect("writing to memory cannot fail");
    let mut out =
        String::from_utf8(w.into_inner()).expect("quick-xml writes the UTF-8 it is given");
    out.push('\n');
    out
}

/// `<name>text</name>` with attributes.
fn text_element(w: &mut Xml, name: &str, attrs: &[(&str, &str)], text: &str) -> io::Result<()> {
    w.create_element(name)
        .with_attributes(attrs.iter().copied())
        .write_text_content(BytesText::new(&escape::xml(text)))?;
    Ok(())
}

/// The network as GraphML.
pub(super) fn graphml(g: &Graph) -> String {
    document(|w| {
        w.create_element("graphml")
            .with_attributes([
                ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                (
                    "xsi:schemaLocation",
                    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
                ),
            ])
            .write_inner_content(|w| {
                let key = |w: &mut Xml, id: &str, on: &str, name: &str, ty: Type| {
                    w.create_element("key")
                        .with_attributes([
                            ("id", id),
                            ("for", on),
                            ("attr.name", name),
                            ("attr.type", ty.graphml()),
                        ])
                        .write_empty()
                        .map(drop)
                };
                for (i, name) in ["name", "as_of", "model"].into_iter().enumerate() {
                    key(w, &format!("g{i}"), "graph", name, Type::String)?;
                }
                key(w, "label", "node", "label", Type::String)?;
                for (i, (name, ty)) in NODE_ATTRIBUTES.iter().enumerate() {
                    key(w, &format!("n{i}"), "node", name, *ty)?;
                }
                for (i, (name, ty)) in EDGE_ATTRIBUTES.iter().enumerate() {
                    key(w, &format!("e{i}"), "edge", name, *ty)?;
                }
                w.create_element("graph")
                    .with_attributes([
                        ("id", escape::xml(&g.graph.id).as_ref()),
                        ("edgedefault", "undirected"),
                    ])
                    .write_inner_content(|w| graphml_body(w, g))
                    .map(drop)
            })
            .map(drop)
    })
}

fn graphml_body(w: &mut Xml, g: &Graph) -> io::Result<()> {
    let info = [&g.graph.name, &g.graph.as_of, &g.graph.model];
    for (i, value) in info.into_iter().enumerate() {
        text_element(w, "data", &[("key", &format!("g{i}"))], value)?;
    }
    for n in &g.nodes {
        w.create_element("node")
            .with_attribute(("id", escape::xml(&n.id).as_ref()))
            .write_inner_content(|w| {
                text_element(w, "data", &[("key", "label")], &n.label)?;
                for (i, value) in node_values(n).iter().enumerate() {
                    text_element(w, "data", &[("key", &format!("n{i}"))], value)?;
                }
                Ok(())
            })?;
    }
    for (i, e) in g.links.iter().enumerate() {
        let (id, source, target) = (
            format!("p{i}"),
            escape::xml(&e.source),
            escape::xml(&e.target),
        );
        w.create_element("edge")
            .with_attributes([
                ("id", id.as_str()),
                ("source", source.as_ref()),
                ("target", target.as_ref()),
            ])
            .write_inner_content(|w| {
                for (i, value) in edge_values(e).iter().enumerate() {
                    if let Some(value) = value {
                        text_element(w, "data", &[("key", &format!("e{i}"))], value)?;
                    }
                }
                Ok(())
            })?;
    }
    Ok(())
}

/// The network as GEXF 1.3.
pub(super) fn gexf(g: &Graph) -> String {
    document(|w| {
        w.create_element("gexf")
            .with_attributes([
                ("xmlns", "http://gexf.net/1.3"),
                ("xmlns:viz", "http://gexf.net/1.3/viz"),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                (
                    "xsi:schemaLocation",
                    "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
                ),
                ("version", "1.3"),
            ])
            .write_inner_content(|w| {
                w.create_element("meta")
                    .with_attribute(("lastmodifieddate", g.graph.as_of.as_str()))
                    .write_inner_content(|w| {
                        text_element(w, "creator", &[], "inclusive-cities")?;
                        let about = format!(
                            "The partnership network of {} (profile as of {}; {})",
                            g.graph.name, g.graph.as_of, g.graph.model
                        );
                        text_element(w, "description", &[], &about)
                    })?;
                w.create_element("graph")
                    .with_attributes([("defaultedgetype", "undirected"), ("mode", "static")])
                    .write_inner_content(|w| gexf_body(w, g))
                    .map(drop)
            })
            .map(drop)
    })
}

fn gexf_declarations(w: &mut Xml, class: &str, attributes: &[(&str, Type)]) -> io::Result<()> {
    w.create_element("attributes")
        .with_attribute(("class", class))
        .write_inner_content(|w| {
            for (i, (name, ty)) in attributes.iter().enumerate() {
                w.create_element("attribute")
                    .with_attributes([
                        ("id", i.to_string().as_str()),
                        ("title", name),
                        ("type", ty.gexf()),
                    ])
                    .write_empty()?;
            }
            Ok(())
        })
        .map(drop)
}

fn attvalues<'a>(w: &mut Xml, values: impl Iterator<Item = (usize, &'a str)>) -> io::Result<()> {
    w.create_element("attvalues")
        .write_inner_content(|w| {
            for (i, value) in values {
                w.create_element("attvalue")
                    .with_attributes([
                        ("for", i.to_string().as_str()),
                        ("value", escape::xml(value).as_ref()),
                    ])
                    .write_empty()?;
            }
            Ok(())
        })
        .map(drop)
}

fn gexf_body(w: &mut Xml, g: &Graph) -> io::Result<()> {
    gexf_declarations(w, "node", &NODE_ATTRIBUTES)?;
    gexf_declarations(w, "edge", &EDGE_ATTRIBUTES)?;
    w.create_element("nodes").write_inner_content(|w| {
        for n in &g.nodes {
            let values = node_values(n);
            w.create_element("node")
                .with_attributes([
                    ("id", escape::xml(&n.id).as_ref()),
                    ("label", escape::xml(&n.label).as_ref()),
                ])
                .write_inner_content(|w| {
                    attvalues(w, values.iter().map(String::as_str).enumerate())?;
                    let [r, gr, b] = rgb(n.colour);
                    w.create_element("viz:color")
                        .with_attributes([
                            ("r", r.to_string().as_str()),
                            ("g", gr.to_string().as_str()),
                            ("b", b.to_string().as_str()),
                        ])
                        .write_empty()
                        .map(drop)
                })?;
        }
        Ok(())
    })?;
    w.create_element("edges").write_inner_content(|w| {
        for (i, e) in g.links.iter().enumerate() {
            let values = edge_values(e);
            let present = values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.as_deref().map(|v| (i, v)));
            w.create_element("edge")
                .with_attributes([
                    ("id", i.to_string().as_str()),
                    ("source", escape::xml(&e.source).as_ref()),
                    ("target", escape::xml(&e.target).as_ref()),
                    ("kind", e.kind.as_str()),
                    ("label", e.kind_name.as_str()),
                    ("weight", e.strength.to_string().as_str()),
                ])
                .write_inner_content(|w| attvalues(w, present))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// `#rrggbb` as numbers; grey when it is not such a colour.
fn rgb(hex: &str) -> [u8; 3] {
    let digits = hex.strip_prefix('#').filter(|d| d.len() == 6);
    let channel = |i: usize| {
        digits
            .and_then(|d| d.get(2 * i..2 * i + 2))
            .and_then(|h| u8::from_str_radix(h, 16).ok())
    };
    match (channel(0), channel(1), channel(2)) {
        (Some(r), Some(g), Some(b)) => [r, g, b],
        _ => [128, 128, 128],
    }
}

#[cfg(test)]
mod tests {
    use super::rgb;

    #[test]
    fn colours() {
        assert_eq!(rgb("#4e79a7"), [0x4e, 0x79, 0xa7]);
        assert_eq!(rgb("teal"), [128, 128, 128]);
    }
}
