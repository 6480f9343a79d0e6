@echo off
rem M3ViT Explorer launcher for Windows, what ./m3vit is elsewhere: builds once (or when sources changed) with Maven,
rem then starts the JVM directly. No arguments opens the window; "m3vit.cmd --help" lists the subcommands.
rem Call it from anywhere: app\packaging\windows\m3vit.cmd [subcommand ...]. Written on Linux and NOT run on Windows
rem (docs/install.md). Needs Java 17 and Maven on the PATH.
setlocal EnableExtensions DisableDelayedExpansion
for %%I in ("%~dp0..\..\..") do set "ROOT=%%~fI"
set "CP_FILE=%ROOT%\app\target\launcher-classpath.txt"
set "APP_JAR=%ROOT%\app\target\m3vit-app-0.1.0-SNAPSHOT.jar"
set "STAMP=%ROOT%\app\target\.m3vit-build-stamp"

if /i "%~1"=="package" (
  echo m3vit: "package" runs app/packaging/package.sh, a bash script: run "./m3vit package" in Git Bash ^(docs/install.md^) 1>&2
  exit /b 2
)

rem no labels and no goto: cmd finds labels unreliably in a file with LF line ends, as this repository keeps them
set "BUILD="
if not exist "%CP_FILE%" set BUILD=1
if not exist "%APP_JAR%" set BUILD=1
if not exist "%STAMP%" set BUILD=1
rem a pom.xml or a file under */src/main or */*/src/main newer than the stamp (what ./m3vit asks find -newer)
set "PS1=$s = (Get-Item -LiteralPath $env:STAMP).LastWriteTime; $r = $env:ROOT;"
set "PS2=$f = @(Get-Item -LiteralPath (Join-Path $r 'pom.xml')) + @(Get-ChildItem -Path (Join-Path $r '*\pom.xml'))"
set "PS2B= + @(Get-ChildItem -Path (Join-Path $r '*\*\pom.xml'))"
set "PS3= + @(Get-ChildItem -Path (Join-Path $r '*\src\main'),(Join-Path $r '*\*\src\main') -Recurse -File -ErrorAction SilentlyContinue);"
set "PS4=if ($f | Where-Object { $_.LastWriteTime -gt $s } | Select-Object -First 1) { exit 1 } else { exit 0 }"
if not defined BUILD (
  powershell -NoProfile -Command "%PS1% %PS2% %PS2B% %PS3% %PS4%"
  if errorlevel 1 set BUILD=1
)
if defined BUILD (
  echo m3vit: building ^(first run or sources changed^) ... 1>&2
  pushd "%ROOT%"
  call mvn -q -B -DskipTests package 1>&2
  if errorlevel 1 (
    popd
    exit /b 1
  )
  popd
  type nul > "%STAMP%"
)

rem the class path file is one line, longer than "set /p" reads (1024 characters): for /f reads it whole, and the JVM
rem gets it through CLASSPATH, which keeps it off the command line's 8191-character limit
for /f "usebackq delims=" %%L in ("%CP_FILE%") do set "CP=%%L"
set "CLASSPATH=%APP_JAR%;%CP%"

rem the window (no arguments, options only, screenshots, bench window) in a small heap that gives memory back when
rem idle, everything else in a large one: the options of ./m3vit (MALLOC_ARENA_MAX there is glibc's, not Windows')
set "WINDOW_OPTS=-Xms64m -Xmx320m -Xmn32m -XX:+UseSerialGC -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 -XX:-ShrinkHeapInSteps -XX:ReservedCodeCacheSize=64m -XX:TieredStopAtLevel=1"
set "CLI_OPTS=-Xmx8g"
set "OPTS=%CLI_OPTS%"
set "FIRST=%~1"
if not defined FIRST (
  set "OPTS=%WINDOW_OPTS%"
) else (
  if "%FIRST:~0,1%"=="-" set "OPTS=%WINDOW_OPTS%"
  if /i "%FIRST%"=="screenshots" set "OPTS=%WINDOW_OPTS%"
  if /i "%FIRST%"=="bench" if /i "%~2"=="window" set "OPTS=%WINDOW_OPTS%"
)
if defined M3VIT_JAVA_OPTS set "OPTS=%M3VIT_JAVA_OPTS%"

java %OPTS% "-Dm3vit.home=%ROOT%" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.m3vit.app.Main %*
exit /b %ERRORLEVEL%
