from tests.consent.fixtures import rapi, rconnect, recorder, recorder_server  # noqa: F401
