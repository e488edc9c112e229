"""A worker serves one installation: it refuses to boot without the API's token key."""

import pytest

from ekinerja_graphql.config import MissingTokenKey, Settings
from workers.database import TortoiseLifecycle


def test_a_worker_without_a_token_key_refuses_to_boot():
    with pytest.raises(MissingTokenKey, match="EKINERJA_JWT_SECRET"):
        TortoiseLifecycle(Settings(jwt_secret="")).before_worker_boot(broker=None, worker=None)
