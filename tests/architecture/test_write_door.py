"""services.py is the one door for every write: no other project module saves, updates or deletes a row.

Views, forms, the admin, tasks and commands call a service, which checks the permission, records who
acted (``by``) and recomputes what depends on the change. Migrations, tests and demo/ are outside the
rule. See docs/architecture.md.
"""

from __future__ import annotations

import ast
import inspect
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from tests.architecture.codebase import DEMO, DOMAIN_APPS, PACKAGES, ROOT, Module, project_modules

WRITE_METHODS = frozenset(
    {
        "save",
        "create",
        "update",
        "delete",
        "bulk_create",
        "bulk_update",
        "get_or_create",
        "update_or_create",
        "save_m2m",  # a form's many-to-many rows, written after save(commit=False)
    }
)
# The admin's own hooks: Django's versions call obj.save(), formset.save() or queryset.delete().
ADMIN_WRITE_HOOKS = frozenset(
    {"save_model", "save_related", "save_formset", "delete_model", "delete_queryset"}
)
# What a related manager (``request.states``, ``amendment.signatures``) writes with.
RELATED_WRITES = frozenset({"add", "remove", "set", "clear"})

# Receivers that are plainly not rows, by (file, receiver as written). Each entry says what it is;
# an entry that no longer matches anything fails test_every_allowlist_entry_is_still_needed.
NOT_A_ROW: dict[tuple[str, str], str] = {
    ("documents/rendering.py", "sha"): "a hashlib digest of the templates and stylesheets (sha.update)",
    ("documents/snapshot.py", "image"): "a PIL image written to a BytesIO (image.save(out, format=...))",
    ("documents/word.py", "document"): "a python-docx Document written to a BytesIO (document.save(out))",
    ("workspace/views/requests.py", "entry"): (
        "RequestEntry, the page's bundle of forms: its save(by=...) calls agreements.services"
    ),
    ("workspace/views/amendments.py", "entry"): (
        "AmendmentEntry, the page's bundle of forms: its save(by=...) calls amendments.services"
    ),
}


def is_services_module(module: Module) -> bool:
    """``<app>/services.py`` or any module of an ``<app>/services/`` package."""
    parts = module.name.split(".")
    return len(parts) >= 2 and parts[1] == "services"


def guarded_modules() -> list[Module]:
    return [m for m in project_modules().values() if m.app != DEMO and not is_services_module(m)]


@dataclass(frozen=True)
class Write:
    module: Module
    line: int
    receiver: str  # the expression the method is called on, as written
    method: str
    call: str

    def where(self) -> str:
        return f"{self.module.file}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where()}: {self.call}"


def _is_dict_value(node: ast.AST | None) -> bool:
    if isinstance(node, ast.Dict | ast.DictComp):
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict"


def _short(node: ast.AST) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= 100 else text[:97] + "..."


class _WriteFinder(ast.NodeVisitor):
    """Every call of a write method, with what the enclosing function knows about its receiver."""

    def __init__(self, module: Module) -> None:
        self.module = module
        self.writes: list[Write] = []
        self.allowed: list[Write] = []  # matched an allowlist entry
        self.related: list[Write] = []  # .add/.remove/.set/.clear, judged against Django's models
        self._functions: list[str] = []
        self._dicts: list[set[str]] = [self._dict_names(module.tree())]

    @staticmethod
    def _dict_names(scope: ast.AST) -> set[str]:
        # Names this scope assigns a dict to; ``.update`` on them merges keys, it writes no row.
        names = set()
        for node in ast.walk(scope):
            if isinstance(node, ast.Assign) and _is_dict_value(node.value):
                names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                if _is_dict_value(node.value):
                    names.add(node.target.id)
        return names

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._functions.append(node.name)
        self._dicts.append(self._dict_names(node))
        self.generic_visit(node)
        self._dicts.pop()
        self._functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        if not isinstance(node.func, ast.Attribute):
            return
        method = node.func.attr
        receiver_node = node.func.value
        receiver = ast.unparse(receiver_node)
        write = Write(self.module, node.lineno, receiver, method, _short(node))
        is_super = receiver == "super()"
        if method in RELATED_WRITES:
            self.related.append(write)
        if method in ADMIN_WRITE_HOOKS and is_super:
            self.writes.append(write)
        if method not in WRITE_METHODS:
            return
        if method == "save" and any(
            k.arg == "commit" and isinstance(k.value, ast.Constant) and k.value.value is False
            for k in node.keywords
        ):
            return  # builds an unsaved instance for a service to save
        if is_super and self._functions and self._functions[-1] == method:
            return  # an override handing on the write its own caller asked for
        if method == "update" and isinstance(receiver_node, ast.Name) and receiver in self._dicts[-1]:
            return
        if (self.module.file, receiver) in NOT_A_ROW:
            self.allowed.append(write)
            return
        self.writes.append(write)


@cache
def scan() -> tuple[list[Write], list[Write], list[Write]]:
    writes, allowed, related = [], [], []
    for module in guarded_modules():
        finder = _WriteFinder(module)
        finder.visit(module.tree())
        writes += finder.writes
        allowed += finder.allowed
        related += finder.related
    return writes, allowed, related


def fail_listing(title: str, items: list) -> None:
    """Fail with one line per offender, file:line first, so each can be opened from the report."""
    if items:
        lines = [str(item) for item in sorted(items, key=lambda w: (w.module.file, w.line))]
        pytest.fail(f"{title} ({len(items)}):\n  " + "\n  ".join(lines), pytrace=False)


def test_the_scan_sees_the_project_and_skips_only_services_migrations_and_demo():
    names = {m.name for m in guarded_modules()}
    assert "workspace.views.requests" in names
    assert "deadlines.tasks" in names
    assert not {"agreements.services", "deadlines.services", "demo.seed"} & names
    assert not [n for n in names if ".migrations" in n]


def test_the_scan_tells_a_row_write_from_a_dict_and_an_unsaved_form(tmp_path):
    source = tmp_path / "probe.py"
    source.write_text(
        "def view(form, request):\n"
        "    context = {}\n"
        "    context.update(a=1)\n"
        "    draft = form.save(commit=False)\n"
        "    request.states.set([1])\n"
        "    draft.save()\n"
        "    Model.objects.filter(pk=1).update(x=2)\n"
        "class Admin:\n"
        "    def save_model(self, request, obj, form, change):\n"
        "        super().save_model(request, obj, form, change)\n"
        "class Row:\n"
        "    def save(self, *args, **kwargs):\n"
        "        super().save(*args, **kwargs)\n"
    )
    finder = _WriteFinder(Module("probe", source))
    finder.visit(ast.parse(source.read_text()))
    assert [(w.line, w.receiver, w.method) for w in finder.writes] == [
        (6, "draft", "save"),
        (7, "Model.objects.filter(pk=1)", "update"),
        (10, "super()", "save_model"),
    ]
    assert [(w.line, w.method) for w in finder.related] == [(5, "set")]


def test_no_module_but_a_service_writes_a_row():
    writes, _, _ = scan()
    fail_listing(
        "writes outside <app>/services.py (call a service instead; a receiver that is not a row "
        "goes in NOT_A_ROW with its reason)",
        writes,
    )


def test_every_allowlist_entry_is_still_needed():
    _, allowed, _ = scan()
    used = {(w.module.file, w.receiver) for w in allowed}
    stale = [
        f"{file}: {receiver!r} ({why})"
        for (file, receiver), why in NOT_A_ROW.items()
        if (file, receiver) not in used
    ]
    if stale:
        pytest.fail(
            "NOT_A_ROW entries that match no call any more; remove them:\n  " + "\n  ".join(stale),
            pytrace=False,
        )


def related_accessors() -> set[str]:
    """Names of the many-to-many and reverse foreign-key managers of the domain apps' models."""
    from django.apps import apps

    names = set()
    for model in apps.get_models():
        if model._meta.app_label not in DOMAIN_APPS:
            continue
        for field in model._meta.get_fields():
            if not (field.many_to_many or field.one_to_many):
                continue
            name = field.get_accessor_name() if field.auto_created and not field.concrete else field.name
            if name and not name.endswith("+"):
                names.add(name)
    return names


def test_no_module_but_a_service_writes_through_a_related_manager():
    # request.states.set(...), amendment.agreements.add(...): rows of a through table all the same.
    accessors = related_accessors()
    assert "states" in accessors  # a request's states: guards against a vacuous pass
    _, _, related = scan()
    offenders = [
        w
        for w in related
        if isinstance(node := ast.parse(w.receiver, mode="eval").body, ast.Attribute)
        and node.attr in accessors
    ]
    fail_listing("related-manager writes outside <app>/services.py", offenders)


# -- the admin ------------------------------------------------------------------------------------


def _ours(cls: type, name: str) -> type | None:
    """The project class that defines ``name`` for ``cls``, or None when Django's (or a library's) does."""
    owner = next(klass for klass in cls.__mro__ if name in vars(klass))
    return owner if owner.__module__.split(".")[0] in PACKAGES else None


def _where(cls: type) -> str:
    try:
        file = Path(inspect.getsourcefile(cls)).resolve().relative_to(ROOT).as_posix()
        return f"{file}:{inspect.getsourcelines(cls)[1]} {cls.__name__}"
    except (TypeError, OSError, ValueError):
        return f"{cls.__module__}.{cls.__qualname__}"


def _every_field_read_only(admin, request) -> bool:
    fields = set(admin.get_fields(request, None))
    return bool(fields) and fields <= set(admin.get_readonly_fields(request, None))


def _inline_writes(inline, request) -> bool:
    if not any(
        (
            inline.has_add_permission(request, None),
            inline.has_change_permission(request, None),
            inline.has_delete_permission(request, None),
        )
    ):
        return False
    can_only_change = not inline.has_add_permission(request, None) and not inline.has_delete_permission(
        request, None
    )
    return not (can_only_change and _every_field_read_only(inline, request))


@pytest.fixture
def superuser_request(rf):
    from django.contrib.auth.models import User

    request = rf.get("/admin/")
    # Unsaved: a superuser's has_perm needs no database, so "refuses" below means refuses everyone.
    request.user = User(username="architecture", is_active=True, is_staff=True, is_superuser=True)
    return request


def our_admins():
    from django.contrib import admin

    return sorted(
        (
            (model, model_admin)
            for model, model_admin in admin.site._registry.items()
            if model._meta.app_label in DOMAIN_APPS or type(model_admin).__module__.split(".")[0] in PACKAGES
        ),
        key=lambda pair: pair[0]._meta.label,
    )


@pytest.mark.django_db
def test_every_admin_writes_through_services_or_is_read_only(superuser_request):
    """For each registered admin of our models, asked as a superuser:

    1. If it can add or change and not every field is read-only, save_model is the project's.
    2. If it then has an inline that can write, or an editable many-to-many field, save_related or
       save_formset is the project's.
    3. If it can delete, delete_model is the project's, and so is delete_queryset unless the
       "delete selected" action is off.
    Django's versions of these write the row themselves; ours call a service.
    """
    request = superuser_request
    assert our_admins(), "no admin of ours is registered: the check would pass on nothing"
    offenders = []
    for model, model_admin in our_admins():
        cls = type(model_admin)
        name = f"{_where(cls)} (admin of {model._meta.label})"
        can_write = model_admin.has_add_permission(request) or model_admin.has_change_permission(request)
        if can_write and not _every_field_read_only(model_admin, request):
            if not _ours(cls, "save_model"):
                offenders.append(f"{name}: saves with Django's save_model (obj.save())")
            fields = set(model_admin.get_fields(request, None)) - set(
                model_admin.get_readonly_fields(request)
            )
            m2m = sorted(f.name for f in model._meta.many_to_many if f.editable and f.name in fields)
            inlines = [
                inline_cls.__name__
                for inline_cls in model_admin.inlines
                if _inline_writes(inline_cls(model, model_admin.admin_site), request)
            ]
            if (m2m or inlines) and not (_ours(cls, "save_related") or _ours(cls, "save_formset")):
                what = ", ".join([*(f"many-to-many {f}" for f in m2m), *(f"inline {i}" for i in inlines)])
                offenders.append(f"{name}: saves {what} with Django's save_related/save_formset")
        if model_admin.has_delete_permission(request):
            if not _ours(cls, "delete_model"):
                offenders.append(f"{name}: deletes with Django's delete_model (obj.delete())")
            if "delete_selected" in model_admin.get_actions(request) and not _ours(cls, "delete_queryset"):
                offenders.append(
                    f"{name}: 'delete selected' deletes with Django's delete_queryset (queryset.delete())"
                )
    if offenders:
        pytest.fail(
            f"admins that write without a service ({len(offenders)}); override the hook to call the app's "
            "service, or refuse the permission:\n  " + "\n  ".join(offenders),
            pytrace=False,
        )
