"""The factories build records the models accept, and people who hold what their role grants."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "make",
    [
        factories.CarrierFactory,
        factories.AffiliateFactory,
        factories.IncumbentFactory,
        factories.ContactFactory,
        factories.CounselFactory,
        factories.AgreementFactory,
        factories.RateElementFactory,
        factories.StateFilingFactory,
        factories.AmendmentFactory,
        factories.DeadlineFactory,
        factories.ReminderFactory,
    ],
)
def test_each_factory_makes_a_valid_record(reference_data, make):
    make().full_clean()


def test_a_request_and_its_petition_are_valid(reference_data):
    request = factories.NegotiationRequestFactory(with_parties=True)
    request.full_clean(exclude=["states"])
    assert sorted(request.parties.values_list("role", flat=True)) == ["incumbent", "requesting"]
    petition = factories.ArbitrationPetitionFactory(request=request)
    petition.full_clean()


def test_the_default_deadline_is_the_seed_window_closing():
    deadline = factories.DeadlineFactory()
    assert (deadline.opens_on.isoformat(), deadline.due_on.isoformat()) == ("2005-01-22", "2005-02-16")


@pytest.mark.parametrize(
    ("role", "can_confirm", "can_edit"),
    [("counsel", True, True), ("paralegal", False, True), ("viewer", False, False)],
)
def test_a_user_holds_what_the_role_grants(reference_data, role, can_confirm, can_edit):
    user = factories.UserFactory(role=role)
    assert user.has_perm("agreements.view_negotiationrequest")
    assert user.has_perm("agreements.confirm_dates") is can_confirm
    assert user.has_perm("agreements.change_negotiationrequest") is can_edit


def test_a_user_with_permissions_and_no_role_holds_only_those(reference_data):
    user = factories.UserFactory(permissions=["amendments.view_amendment"])
    assert user.has_perm("amendments.view_amendment")
    assert not user.has_perm("agreements.view_negotiationrequest")
    assert user.check_password(factories.PASSWORD)
    assert factories.UserFactory(password="another-long-password").check_password("another-long-password")
