# The execution environment of an OS-only Lambda runtime (provided.al2023) as a local image: the Debian minbase with
# Lambda's directories, variables and non-root user. The emulator mounts the function's code at /var/task (read-only)
# and runs its `bootstrap`, which talks to the Runtime API named by AWS_LAMBDA_RUNTIME_API.
# https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html
# https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
ARG BASE_IMAGE=batchkit/debian:bookworm
FROM ${BASE_IMAGE}
RUN useradd --uid 993 --no-create-home --shell /usr/sbin/nologin sbx_user1051 && mkdir -p /var/task /var/runtime /opt
ENV LAMBDA_TASK_ROOT=/var/task LAMBDA_RUNTIME_DIR=/var/runtime LANG=en_US.UTF-8 TZ=:UTC \
    PATH=/usr/local/bin:/usr/bin:/bin:/opt/bin LD_LIBRARY_PATH=/lib64:/usr/lib64:/var/runtime:/var/task:/var/task/lib:/opt/lib
WORKDIR /var/task
USER sbx_user1051
ENTRYPOINT ["/var/task/bootstrap"]
