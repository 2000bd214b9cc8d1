"""prefect.yaml: what `prefect deploy` reads, parsed with Prefect's own model of the file."""

import inspect

import yaml

from tests.conftest import PROJECT


def test_prefect_yaml_deploys_the_refresh_flow_on_a_process_pool_weekly():
    from prefect.cli.deploy._models import PrefectYamlModel

    config = PrefectYamlModel.model_validate(yaml.safe_load((PROJECT / "prefect.yaml").read_text()))
    (deployment,) = config.deployments
    path, name = deployment.entrypoint.split(":")
    assert (PROJECT / path).is_file()
    from flows import refresh

    flow = getattr(refresh, name)
    assert flow.name == "coprod-refresh"
    # every parameter it passes is one the flow takes, and every required one is passed
    signature = inspect.signature(flow.fn)
    assert set(deployment.parameters) <= set(signature.parameters)
    assert {n for n, p in signature.parameters.items() if p.default is inspect.Parameter.empty} <= set(
        deployment.parameters)
    assert (PROJECT / deployment.parameters["corpus"]).is_dir()
    assert deployment.work_pool.name == "coprod-process"
    assert [s.cron for s in deployment.schedules] == ["0 3 * * 1"]
    assert deployment.concurrency_limit == 1
