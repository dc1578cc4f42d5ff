# SIPp from Debian, with the repository's scenarios: the demo's platform and carriers.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends sip-tester && rm -rf /var/lib/apt/lists/*
COPY sipp-scenarios/ /scenarios/
WORKDIR /scenarios
ENTRYPOINT ["sipp"]
