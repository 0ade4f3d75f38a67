# Sourced by the setup, start and test scripts: no prompts and no telemetry notices on a fresh machine.
export NEXT_TELEMETRY_DISABLED=1
export TURBO_TELEMETRY_DISABLED=1
export DO_NOT_TRACK=1
export DEBIAN_FRONTEND=noninteractive
export npm_config_fund=false
export npm_config_audit=false
export npm_config_update_notifier=false
