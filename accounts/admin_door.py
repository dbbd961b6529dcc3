"""The admin writes through the services, like every other page.

Django's admin saves a record, then its many-to-many fields, then each inline formset, each on its
own and straight to the database. ``ThroughServices`` lets it validate its forms as usual and then
hands the whole page, record and inline rows together, to one method that calls the app's service:

1. ``save_form`` builds the unsaved record and turns the form's own many-to-many save into nothing.
2. ``save_related`` calls ``save_through_service`` once with the record, its form and the inline
   formsets (none on the changelist's inline edit: the rows stay as stored). ``save_model`` does
   nothing, except on a history revert, which calls no ``save_related``: there it calls the service.
3. ``delete_model`` and ``delete_queryset`` call ``delete_through_service`` for each record.
4. A ``ValidationError`` the service raises after the forms passed rolls the page's transaction back
   and shows the page again with the service's message on the form.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, BaseModelForm


@dataclass
class InlineRows:
    """An inline formset's rows that stay (their forms, in the order typed) and the rows taken off."""

    kept: list = field(default_factory=list)
    removed: list = field(default_factory=list)

    @property
    def instances(self) -> list:
        return [form.instance for form in self.kept]

    @property
    def changed(self) -> list:
        """The forms of rows that are new or were edited: the rest need no save (nor a history entry)."""
        return [form for form in self.kept if form.instance.pk is None or form.has_changed()]


def inline_rows(formset: BaseFormSet) -> InlineRows:
    """The rows of a validated inline formset, ordered by their ``order`` field when they have one.

    Also records on the formset what changed, as ``formset.save()`` would, for the admin's log.
    """
    rows = InlineRows()
    positioned = []
    for index, form in enumerate(formset.forms):
        data = getattr(form, "cleaned_data", None)
        if not data:
            continue  # an empty extra row
        if data.get("DELETE"):
            if form.instance.pk:
                rows.removed.append(form.instance)
            continue
        if form.instance.pk is None and not form.has_changed():
            continue
        positioned.append((data.get("order") or 0, index, form))
    rows.kept = [form for _, _, form in sorted(positioned, key=lambda row: row[:2])]
    formset.new_objects = [form.instance for form in rows.kept if form.instance.pk is None]
    formset.changed_objects = [
        (form.instance, form.changed_data) for form in rows.kept if form.instance.pk and form.has_changed()
    ]
    formset.deleted_objects = list(rows.removed)
    return rows


def rows_of(formsets: list, model) -> InlineRows | None:
    """The rows of the inline for ``model``; None when the page has no such inline (rows unchanged)."""
    for formset in formsets:
        if formset.model is model:
            return inline_rows(formset)
    return None


def show_on_form(form: BaseModelForm, error: ValidationError) -> None:
    """A service's ValidationError on the form: on the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class ThroughServices:
    """Mixed into a ModelAdmin whose saves and deletes belong to the app's services."""

    def save_through_service(self, request, obj, form, formsets: list) -> None:
        raise NotImplementedError

    def delete_through_service(self, request, obj) -> None:
        raise NotImplementedError

    def save_form(self, request, form, change):
        obj = super().save_form(request, form, change)
        form.save_m2m = _nothing  # the many-to-many fields go to the service with the record
        return obj

    def save_model(self, request, obj, form, change) -> None:
        if getattr(request, "_reverting_history", False):
            self.save_through_service(request, obj, form, [])  # no save_related follows a revert

    def save_related(self, request, form, formsets, change) -> None:
        self.save_through_service(request, form.instance, form, formsets)

    def delete_model(self, request, obj) -> None:
        self.delete_through_service(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            self.delete_through_service(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request._reverting_history = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as refused:
            if request.method != "POST" or getattr(request, "_refused_by_service", None) is not None:
                raise
            # The forms passed but the service did not: nothing was kept. Validate the page again
            # with the service's message added, so it shows beside what was typed.
            request._refused_by_service = refused
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        refused = getattr(request, "_refused_by_service", None)
        if refused is None:
            return form_class

        class RefusedForm(form_class):
            def clean(self):
                cleaned = super().clean()
                show_on_form(self, refused)
                return cleaned

        return RefusedForm


def _nothing() -> None:
    return None
