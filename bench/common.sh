# Shared by the whole-process comparisons in bench/ (source it after setting $here and $out).

# publish_cli: the command as users run it, published ReadyToRun (the csproj default) to $out/publish;
# sets $cli. The R2R compiler's outputs under obj/ can outlive a change of their inputs, so they are
# removed first: a stale image aborts at start-up.
publish_cli() {
  rm -rf "$here/src/ScaleLab.Cli/obj/Release/net10.0/linux-x64/R2R"
  dotnet publish "$here/src/ScaleLab.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$out/publish" -v q -nologo >/dev/null
  cli="$out/publish/ScaleLab.Cli.dll"
}

# measure NAME COMMAND...: "wall user system" seconds to $out/NAME.time, standard output to
# $out/NAME.json. /usr/bin/time gives CPU seconds as well; on a shared machine CPU time is the steadier figure.
measure() {
  local name="$1"; shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%e %U %S" -o "$out/$name.time" "$@" > "$out/$name.json"
  else
    local start end; start=$(date +%s.%N); "$@" > "$out/$name.json"; end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%f nan nan\n", b - a }' > "$out/$name.time"
  fi
}
