"""A recording-service token made with `python -m app recorder-token` works against the server that starts next."""

import os
import re
import subprocess
import sys

from tests.support import ROOT, Api, ServerProcess


async def test_a_token_from_the_command_line_is_accepted_after_a_restart(tmp_path):
    data = tmp_path / "data"
    made = subprocess.run(
        [sys.executable, "-m", "app", "recorder-token"], cwd=ROOT, env={**os.environ, "ROUNDTABLE_DATA_DIR": str(data)}, capture_output=True, text=True, check=True
    )
    token = re.search(r"token:\s+(\S+)", made.stdout).group(1)
    assert re.search(r"webhook secret:\s+whsec_\S+", made.stdout)
    assert token not in (data / "recorder-tokens").read_text()  # only its hash is kept
    server = ServerProcess(data).start()
    api = Api(server.url)
    try:
        meeting = await api.create_meeting()
        path = f"/api/v1/meetings/{meeting['id']}/recording-permission"
        allowed = await api.http.get(path, headers={"Authorization": f"Bearer {token}"})
        assert allowed.status_code == 200
        assert allowed.json()["allowed"] is False and allowed.json()["state"] == "undecided"
        wrong = await api.http.get(path, headers={"Authorization": f"Bearer {token}x"})
        assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthorized"
    finally:
        await api.close()
        server.stop()
