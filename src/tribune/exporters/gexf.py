"""The co-appearance network as GEXF 1.3 for Gephi.

Nodes are actors (with kind and country as attributes), edges undirected and
weighted by the number of events two actors both took part in. Written with
``xml.etree`` so every name is escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from typing import IO

NS = "http://gexf.net/1.3"


def gexf_tree(network: dict) -> ET.ElementTree:
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{NS}}}meta", {"lastmodifieddate": date.today().isoformat()})
    ET.SubElement(meta, f"{{{NS}}}creator").text = "tribune"
    period = " ".join(p for p in (f"since {network.get('since')}" if network.get("since") else "", f"until {network.get('until')}" if network.get("until") else "") if p)
    ET.SubElement(meta, f"{{{NS}}}description").text = "Co-appearance of actors at events" + (f" ({period})" if period else "")
    graph = ET.SubElement(root, f"{{{NS}}}graph", {"defaultedgetype": "undirected", "mode": "static"})
    attributes = ET.SubElement(graph, f"{{{NS}}}attributes", {"class": "node"})
    for i, (name, kind) in enumerate((("kind", "string"), ("country", "string"), ("events", "integer"))):
        ET.SubElement(attributes, f"{{{NS}}}attribute", {"id": str(i), "title": name, "type": kind})
    edge_attributes = ET.SubElement(graph, f"{{{NS}}}attributes", {"class": "edge"})
    ET.SubElement(edge_attributes, f"{{{NS}}}attribute", {"id": "0", "title": "events", "type": "string"})
    nodes = ET.SubElement(graph, f"{{{NS}}}nodes")
    for node in network["nodes"]:
        el = ET.SubElement(nodes, f"{{{NS}}}node", {"id": node["id"], "label": node["name"]})
        values = ET.SubElement(el, f"{{{NS}}}attvalues")
        for i, key in enumerate(("kind", "country", "events")):
            value = node.get(key)
            if value is not None:
                ET.SubElement(values, f"{{{NS}}}attvalue", {"for": str(i), "value": str(value)})
    edges = ET.SubElement(graph, f"{{{NS}}}edges")
    for i, edge in enumerate(network["edges"]):
        el = ET.SubElement(edges, f"{{{NS}}}edge", {"id": str(i), "source": edge["source"], "target": edge["target"], "weight": str(edge["weight"])})
        values = ET.SubElement(el, f"{{{NS}}}attvalues")
        ET.SubElement(values, f"{{{NS}}}attvalue", {"for": "0", "value": " ".join(edge["events"])})
    return ET.ElementTree(root)


def write_gexf(network: dict, out: IO[bytes]) -> int:
    """Write the network; returns the number of edges."""
    tree = gexf_tree(network)
    ET.indent(tree)
    tree.write(out, encoding="utf-8", xml_declaration=True)
    return len(network["edges"])


def gexf_bytes(network: dict) -> bytes:
    import io

    buffer = io.BytesIO()
    write_gexf(network, buffer)
    return buffer.getvalue()
