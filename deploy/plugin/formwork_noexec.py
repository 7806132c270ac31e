"""A LocalStack Lambda runtime executor that never runs a function's code.

LocalStack's own executor starts each function in a Docker container, and
without Docker a function never leaves `Pending`. The deploy test only needs
functions to exist, with their configuration, so that what refers to them
(permissions, event source mappings, notifications) can be created and read
back. Selected with `LAMBDA_RUNTIME_EXECUTOR=formwork-noexec`.

Preparing a version does nothing, so a function becomes `Active`; starting an
execution environment (an invocation) fails with a message that says why.
"""

from localstack.services.lambda_.invocation.plugins import RuntimeExecutorPlugin
from localstack.services.lambda_.invocation.runtime_executor import (
    LambdaRuntimeException,
    RuntimeExecutor,
)

NAME = "formwork-noexec"
REFUSAL = "the formwork-noexec runtime executor never runs function code (deploy test)"


class NoExecRuntimeExecutor(RuntimeExecutor):
    def start(self, env_vars: dict[str, str]) -> None:
        raise LambdaRuntimeException(REFUSAL)

    def stop(self) -> None:
        pass

    def get_address(self) -> str:
        return "127.0.0.1"

    def get_endpoint_from_executor(self) -> str:
        return "127.0.0.1"

    def get_runtime_endpoint(self) -> str:
        return "http://127.0.0.1:4566/_localstack_lambda/" + self.id

    def invoke(self, payload: dict[str, str]):
        raise LambdaRuntimeException(REFUSAL)

    def get_logs(self) -> str:
        return ""

    @classmethod
    def prepare_version(cls, function_version) -> None:
        pass

    @classmethod
    def cleanup_version(cls, function_version) -> None:
        pass

    @classmethod
    def validate_environment(cls) -> bool:
        return True


class NoExecRuntimeExecutorPlugin(RuntimeExecutorPlugin):
    name = NAME

    def load(self, *args, **kwargs):
        return NoExecRuntimeExecutor
