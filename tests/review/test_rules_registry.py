"""Every rule module is registered once, with a permanent code, a name, a reference and examples."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import review.rules as rules_pkg
from review.profiles import PROFILES
from review.report import COMPONENTS, SEVERITIES
from review.rules import ALL_RULES, RULES_BY_CODE, Rule

RULE_MODULE = re.compile(r"^(nd30|qppl)_\d{3}_[a-z0-9_]+$")


def rule_modules():
    return [m.name for m in pkgutil.iter_modules(rules_pkg.__path__) if RULE_MODULE.match(m.name)]


def test_every_rule_module_holds_exactly_one_registered_rule():
    registered = set(ALL_RULES)
    for name in rule_modules():
        module = importlib.import_module(f"review.rules.{name}")
        classes = [obj for obj in vars(module).values()
                   if inspect.isclass(obj) and issubclass(obj, Rule) and obj.__module__ == module.__name__]
        assert len(classes) == 1, name
        assert classes[0] in registered, name
    assert len(rule_modules()) == len(ALL_RULES)


def test_codes_are_unique_and_match_their_file():
    assert len(RULES_BY_CODE) == len(ALL_RULES)
    for rule in ALL_RULES:
        assert re.fullmatch(r"(ND30|QPPL)-\d{3}", rule.code)
        module = rule.__module__.rsplit(".", 1)[1]
        prefix, number = rule.code.split("-")
        assert module.startswith(f"{prefix.lower()}_{number}_"), (rule.code, module)


def test_every_rule_has_name_reference_severity_component_and_examples():
    for rule in ALL_RULES:
        assert rule.name and rule.reference, rule.code
        assert rule.severity in SEVERITIES and rule.component in COMPONENTS, rule.code
        if rule.code.startswith("ND30"):
            assert rule.reference.startswith("Nghị định 30/2020/NĐ-CP, Phụ lục"), rule.code
        doc = inspect.getmodule(rule).__doc__ or ""
        assert doc.startswith(rule.code + " — "), rule.code
        assert "Bad:" in doc and "Good:" in doc, rule.code


def test_profiles_name_only_known_rules():
    for profile in PROFILES.values():
        assert profile.codes and set(profile.codes) <= set(RULES_BY_CODE)
        assert set(profile.severities) <= set(profile.codes)
    assert all(p.severity_of(r()) == "warning" for p in [PROFILES["vbqppl"]] for r in ALL_RULES)
