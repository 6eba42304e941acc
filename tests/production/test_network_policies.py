"""deploy/k8s/networkpolicies.yaml allows exactly the edges the product needs, nothing else.

A small evaluator of Kubernetes NetworkPolicy semantics (pod selectors with matchLabels, peers,
ports; a pod selected by any policy of a type is isolated for that type; a connection needs
the source's egress and the destination's ingress) over the pods of our manifests, PostgreSQL,
Redis, any other pod of the cluster and the internet.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from bot.settings import PROJECT_ROOT

pytestmark = pytest.mark.production

K8S = PROJECT_ROOT / "deploy" / "k8s"
POLICIES = K8S / "networkpolicies.yaml"
PODS: dict[str, dict[str, str]] = {
    "gateway": {"app": "gateway"},
    "rasa": {"app": "rasa"},
    "actions": {"app": "actions"},
    # Kubernetes labels a Job's pods with the Job's name.
    "migrate": {"job-name": "borger-migrate"},
    "postgres": {"app": "postgres"},
    "redis": {"app": "redis"},
    "another pod": {"app": "something-else"},
}
DNS = {"k8s-app": "kube-dns"}
LISTENS = {"gateway": 8000, "rasa": 5005, "actions": 5055, "postgres": 5432, "redis": 6379}
INTERNET = "internet"
EXPECTED = {
    (INTERNET, "gateway"),
    ("gateway", "rasa"),
    ("rasa", "actions"),
    ("gateway", "actions"),  # readiness /health; the webhook needs the action server's token
    ("gateway", "postgres"), ("gateway", "redis"),
    ("rasa", "postgres"), ("rasa", "redis"),
    ("actions", "postgres"),
    ("migrate", "postgres"),
}


def _policies() -> list[dict[str, Any]]:
    docs = [d for d in yaml.safe_load_all(POLICIES.read_text()) if d]
    assert all(d["kind"] == "NetworkPolicy" for d in docs)
    return [d["spec"] for d in docs]


def _selects(selector: dict[str, Any], labels: dict[str, str] | None) -> bool:
    if labels is None:  # the internet is no pod
        return False
    wanted = selector.get("matchLabels") or {}
    return all(labels.get(key) == value for key, value in wanted.items())


def _peer_matches(peer: dict[str, Any], labels: dict[str, str] | None) -> bool:
    if "ipBlock" in peer:
        return False
    return _selects(peer.get("podSelector") or {}, labels)


def _rule_allows(rule: dict[str, Any], peers_key: str, labels: dict[str, str] | None,
                 port: int, protocol: str) -> bool:
    peers = rule.get(peers_key)
    if peers is not None and not any(_peer_matches(p, labels) for p in peers):
        return False
    ports = rule.get("ports")
    return ports is None or any(
        p.get("port") == port and p.get("protocol", "TCP") == protocol for p in ports)


def _allowed(kind: str, pod: dict[str, str] | None, other: dict[str, str] | None,
             port: int, protocol: str = "TCP") -> bool:
    """Does `pod`'s `kind` (Ingress from / Egress to `other`) policy admit the connection?"""
    if pod is None:  # the internet has no policies of ours
        return True
    applying = [p for p in _policies()
                if kind in p["policyTypes"] and _selects(p["podSelector"], pod)]
    if not applying:
        return True
    rules_key, peers_key = ("ingress", "from") if kind == "Ingress" else ("egress", "to")
    return any(_rule_allows(rule, peers_key, other, port, protocol)
               for policy in applying for rule in policy.get(rules_key) or [])


def _edge(source: str, target: str) -> bool:
    src = None if source == INTERNET else PODS[source]
    port = LISTENS[target]
    return _allowed("Egress", src, PODS[target], port) and _allowed(
        "Ingress", PODS[target], src, port)


def test_only_the_products_own_edges_are_allowed() -> None:
    sources = [INTERNET, *PODS]
    allowed = {(s, t) for s in sources for t in LISTENS if s != t and _edge(s, t)}
    assert allowed == EXPECTED


def test_everything_else_is_denied_by_default() -> None:
    default = [p for p in _policies() if p["podSelector"] == {}
               and set(p["policyTypes"]) == {"Ingress", "Egress"}]
    assert default and all("ingress" not in p and "egress" not in p for p in default)
    # Rasa and the action server cannot be reached from the internet or another pod.
    for target in ("rasa", "actions", "postgres", "redis"):
        assert not _edge(INTERNET, target) and not _edge("another pod", target)
    # Nobody of ours reaches the internet (no exfiltration path, no downloads at run time).
    for source in ("gateway", "rasa", "actions", "migrate"):
        assert not _allowed("Egress", PODS[source], None, 443)


def test_every_pod_may_resolve_names_and_nothing_more_through_dns_rules() -> None:
    for pod in PODS.values():
        assert _allowed("Egress", pod, DNS, 53, "UDP") and _allowed("Egress", pod, DNS, 53)
        assert not _allowed("Egress", pod, DNS, 443)


def test_the_policies_select_the_pods_the_manifests_run() -> None:
    docs = [d for path in sorted(K8S.glob("*.yaml")) for d in yaml.safe_load_all(path.read_text())
            if d]
    labels = {d["metadata"]["name"]: d["spec"]["template"]["metadata"]["labels"]
              for d in docs if d["kind"] in ("Deployment", "StatefulSet")}
    assert labels == {name: PODS[name] for name in ("gateway", "rasa", "actions")}
    jobs = [d["metadata"]["name"] for d in docs if d["kind"] == "Job"]
    assert jobs == [PODS["migrate"]["job-name"]]
