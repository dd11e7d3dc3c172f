import pytest
from django.urls import reverse
from rest_framework import serializers

from {{ cookiecutter.project_slug }}.subscribers.models import Subscriber
from {{ cookiecutter.project_slug }}.subscribers.serializers import SubscriberSerializer

LIST_URL = reverse("subscriber-list")
VALID = {"name": "Ada Lovelace", "age": 29, "email": "ada@example.com"}


def detail_url(subscriber: Subscriber) -> str:
    return reverse("subscriber-detail", args=[subscriber.pk])


@pytest.fixture
def subscriber(db) -> Subscriber:
    return Subscriber.objects.create(**VALID)


@pytest.mark.parametrize(
    ("method", "detail"),
    [
        ("get", False),
        ("post", False),
        ("get", True),
        ("put", True),
        ("patch", True),
        ("delete", True),
    ],
)
def test_every_method_needs_an_access_token(api_client, subscriber, method, detail):
    url = detail_url(subscriber) if detail else LIST_URL

    response = getattr(api_client, method)(url, VALID)

    assert response.status_code == 401
    assert Subscriber.objects.get() == subscriber


def test_create_stores_the_subscriber_and_answers_it(auth_client, db):
    response = auth_client.post(LIST_URL, VALID)

    assert response.status_code == 201
    created = Subscriber.objects.get()
    assert (created.name, created.age, created.email) == tuple(VALID.values())
    assert response.json() == {"id": created.pk, **VALID}


def test_list_pages_through_subscribers_in_creation_order(auth_client, db):
    Subscriber.objects.create(name="A", age=20, email="a@example.com")
    Subscriber.objects.create(name="B", age=30, email="b@example.com")

    response = auth_client.get(LIST_URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [row["name"] for row in body["results"]] == ["A", "B"]
    assert set(body["results"][0]) == {"id", "name", "age", "email"}


def test_read_answers_the_subscriber(auth_client, subscriber):
    response = auth_client.get(detail_url(subscriber))

    assert response.status_code == 200
    assert response.json() == {"id": subscriber.pk, **VALID}


def test_put_replaces_every_field(auth_client, subscriber):
    changes = {"name": "Ada King", "age": 30, "email": "ada.king@example.com"}

    response = auth_client.put(detail_url(subscriber), changes)

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert (subscriber.name, subscriber.age, subscriber.email) == tuple(changes.values())


def test_patch_changes_only_the_fields_sent(auth_client, subscriber):
    response = auth_client.patch(detail_url(subscriber), {"age": 36})

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.age == 36
    assert (subscriber.name, subscriber.email) == (VALID["name"], VALID["email"])


def test_delete_removes_the_subscriber(auth_client, subscriber):
    response = auth_client.delete(detail_url(subscriber))

    assert response.status_code == 204
    assert not Subscriber.objects.exists()
    assert auth_client.get(detail_url(subscriber)).status_code == 404


@pytest.mark.parametrize("field", ["name", "age", "email"])
def test_missing_field_is_reported(auth_client, db, field):
    body = {key: value for key, value in VALID.items() if key != field}

    response = auth_client.post(LIST_URL, body)

    assert response.status_code == 400
    assert list(response.json()) == [field]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("age", -1),
        ("age", 151),
        ("age", "twenty"),
        ("age", 10**20),
        ("email", "not-an-email"),
        ("email", "a" * 250 + "@example.com"),
        ("name", ""),
        ("name", "x" * 101),
    ],
)
def test_invalid_value_is_reported(auth_client, db, field, value):
    response = auth_client.post(LIST_URL, {**VALID, field: value})

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not Subscriber.objects.exists()


def test_duplicate_email_is_reported(auth_client, subscriber):
    response = auth_client.post(LIST_URL, {**VALID, "name": "Someone Else"})

    assert response.status_code == 400
    assert list(response.json()) == ["email"]
    assert Subscriber.objects.count() == 1


def test_duplicate_email_that_slips_past_validation_is_still_a_validation_error(db):
    # Two concurrent requests can both pass the unique check before either saves.
    serializer = SubscriberSerializer(data=VALID)
    assert serializer.is_valid()
    Subscriber.objects.create(**VALID)

    with pytest.raises(serializers.ValidationError) as caught:
        serializer.save()

    assert list(caught.value.detail) == ["email"]
    assert Subscriber.objects.count() == 1


@pytest.mark.parametrize("body", ["{not json", "[]", "null", "42", '"text"', ""])
def test_body_that_is_not_a_json_object_is_a_bad_request(auth_client, db, body):
    response = auth_client.post(LIST_URL, body, content_type="application/json")

    assert response.status_code == 400
    assert not Subscriber.objects.exists()


def test_subscribers_are_managed_in_the_admin(admin_client, subscriber):
    response = admin_client.get(reverse("admin:subscribers_subscriber_changelist"))

    assert response.status_code == 200
    assert subscriber.email in response.content.decode()
