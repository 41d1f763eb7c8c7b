# app.cmake: the ImGui app. Natively a desktop window (only when SDL2 and OpenGL
# are found); on wasm the page, written to build/wasm/web/ together with the
# shell from web/. Fonts are cut down at build time (fontTools from Debian) and,
# like the GLSL sources in shaders/, compiled into the binary.

set(IMGUI_DIR "${CONVLAB_DEPS_DIR}/imgui")
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp")
  message(WARNING "ImGui sources not found in ${IMGUI_DIR}: run tools/deps.sh. Skipping the app.")
  return()
endif()

if(EMSCRIPTEN)
  set(SDL2_WASM "${CONVLAB_DEPS_DIR}/sdl2-wasm")
  if(NOT EXISTS "${SDL2_WASM}/lib/libSDL2.a")
    message(FATAL_ERROR "SDL2 for wasm not found in ${SDL2_WASM}: run tools/deps.sh")
  endif()
  add_library(convlab_sdl2 INTERFACE)
  target_include_directories(convlab_sdl2 INTERFACE "${SDL2_WASM}/include/SDL2")
  target_link_libraries(convlab_sdl2 INTERFACE "${SDL2_WASM}/lib/libSDL2.a")
  # The threads build's SDL2, compiled with -pthread (tools/deps.sh builds both).
  set(SDL2_WASM_MT "${CONVLAB_DEPS_DIR}/sdl2-wasm-mt")
  if(NOT EXISTS "${SDL2_WASM_MT}/lib/libSDL2.a")
    message(FATAL_ERROR "SDL2 for wasm threads not found in ${SDL2_WASM_MT}: run tools/deps.sh")
  endif()
  add_library(convlab_sdl2_threads INTERFACE)
  target_include_directories(convlab_sdl2_threads INTERFACE "${SDL2_WASM_MT}/include/SDL2")
  target_link_libraries(convlab_sdl2_threads INTERFACE "${SDL2_WASM_MT}/lib/libSDL2.a")
  set(CONVLAB_GL_LIBS "")
else()
  find_package(SDL2 QUIET)
  find_package(OpenGL QUIET)
  if(NOT SDL2_FOUND OR NOT OPENGL_FOUND)
    message(STATUS "SDL2 or OpenGL missing: no desktop app (the CLI and tests still build)")
    return()
  endif()
  add_library(convlab_sdl2 INTERFACE)
  target_link_libraries(convlab_sdl2 INTERFACE SDL2::SDL2)
  set(CONVLAB_GL_LIBS OpenGL::GL ${CMAKE_DL_LIBS})
endif()

# ImGui 1.86 with its SDL2 backend (input); drawing is ours (src/render/ui_renderer.cpp).
# Two copies on wasm: imgui, and imgui_threads compiled with -pthread for the threads build.
set(CONVLAB_IMGUI_SUFFIXES "")
if(EMSCRIPTEN)
  list(APPEND CONVLAB_IMGUI_SUFFIXES "_threads")
endif()
foreach(t "" ${CONVLAB_IMGUI_SUFFIXES})
  add_library(imgui${t} STATIC
    ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp
    ${IMGUI_DIR}/imgui_widgets.cpp
    ${IMGUI_DIR}/backends/imgui_impl_sdl.cpp)
  target_include_directories(imgui${t} SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/backends)
  target_link_libraries(imgui${t} PUBLIC convlab_sdl2${t} ${CONVLAB_GL_LIBS})
  target_compile_definitions(imgui${t} PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_DEMO_WINDOWS)
  if(EMSCRIPTEN)
    target_compile_definitions(imgui${t} PUBLIC IMGUI_IMPL_OPENGL_ES3)
  endif()
  if(t STREQUAL "_threads")
    target_compile_options(imgui${t} PRIVATE -pthread)
  endif()
endforeach()

# Fonts: Roboto for text, DejaVu Sans merged in for the math glyphs Roboto lacks
# (⌊ ⌋ ⌈ ⌉ →), DejaVu Sans Mono for tables (with torchinfo's tree, ├─ │ └─). Subsets keep the page small.
set(FONT_OUT "${CMAKE_BINARY_DIR}/generated")
file(MAKE_DIRECTORY "${FONT_OUT}")
set(LATIN_UNICODES "U+0020-007E,U+00A0-00FF,U+00B7,U+00D7,U+2013,U+2014,U+2018-201D,U+2022,U+2026,U+2190-2193,U+2212,U+2264,U+2265,U+2308-230B,U+2713,U+2717,U+25A0,U+25B6,U+21B6,U+21B7,U+2500,U+2502,U+2514,U+251C,U+FFFD")
set(CONVLAB_FONTS
  "ui_font|/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf"
  "ui_font_bold|/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Bold.ttf"
  "math_font|/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
  "mono_font|/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
set(CONVLAB_EMBEDDED "")
foreach(entry ${CONVLAB_FONTS})
  string(REPLACE "|" ";" parts "${entry}")
  list(GET parts 0 sym)
  list(GET parts 1 src)
  add_custom_command(OUTPUT "${FONT_OUT}/${sym}.ttf"
    COMMAND /usr/bin/python3 -m fontTools.subset "${src}" --unicodes=${LATIN_UNICODES}
            --layout-features=* --output-file=${FONT_OUT}/${sym}.ttf
    DEPENDS "${src}" COMMENT "Subsetting ${sym}")
  add_custom_command(OUTPUT "${FONT_OUT}/${sym}.cpp"
    COMMAND ${CMAKE_COMMAND} -DIN=${FONT_OUT}/${sym}.ttf -DOUT=${FONT_OUT}/${sym}.cpp -DSYMBOL=${sym}
            -P ${CMAKE_SOURCE_DIR}/tools/cmake/embed.cmake
    DEPENDS "${FONT_OUT}/${sym}.ttf" ${CMAKE_SOURCE_DIR}/tools/cmake/embed.cmake)
  list(APPEND CONVLAB_EMBEDDED "${FONT_OUT}/${sym}.cpp")
endforeach()

# Shaders: GLSL ES 3.00 bodies without a #version line; the renderer prepends
# the right one for WebGL2 or desktop GL 3.3.
file(GLOB CONVLAB_SHADERS CONFIGURE_DEPENDS shaders/*.vert shaders/*.frag)
foreach(shader ${CONVLAB_SHADERS})
  get_filename_component(name "${shader}" NAME)
  string(MAKE_C_IDENTIFIER "shader_${name}" sym)
  add_custom_command(OUTPUT "${FONT_OUT}/${sym}.cpp"
    COMMAND ${CMAKE_COMMAND} -DIN=${shader} -DOUT=${FONT_OUT}/${sym}.cpp -DSYMBOL=${sym} -DTEXT=1
            -P ${CMAKE_SOURCE_DIR}/tools/cmake/embed.cmake
    DEPENDS "${shader}" ${CMAKE_SOURCE_DIR}/tools/cmake/embed.cmake)
  list(APPEND CONVLAB_EMBEDDED "${FONT_OUT}/${sym}.cpp")
endforeach()
# The language menu's "简体中文" (cjk_font.cmake): four glyphs, a few KB.
add_custom_command(OUTPUT "${FONT_OUT}/cjk_menu_font.cpp"
  COMMAND ${CMAKE_COMMAND} -DIN=${CONVLAB_CJK_MENU_FONT} -DOUT=${FONT_OUT}/cjk_menu_font.cpp -DSYMBOL=cjk_menu_font
          -P ${CMAKE_SOURCE_DIR}/tools/cmake/embed.cmake
  DEPENDS "${CONVLAB_CJK_MENU_FONT}" ${CMAKE_SOURCE_DIR}/tools/cmake/embed.cmake)
list(APPEND CONVLAB_EMBEDDED "${FONT_OUT}/cjk_menu_font.cpp")
foreach(t "" ${CONVLAB_IMGUI_SUFFIXES})
  add_library(convlab_assets${t} STATIC ${CONVLAB_EMBEDDED})
  if(t STREQUAL "_threads")
    target_compile_options(convlab_assets${t} PRIVATE -pthread)
  endif()
endforeach()

file(GLOB_RECURSE CONVLAB_APP_SOURCES CONFIGURE_DEPENDS src/app/*.cpp src/render/*.cpp)
list(REMOVE_ITEM CONVLAB_APP_SOURCES ${CONVLAB_TEXT_SOURCES})  # linked as convlab_text (CMakeLists.txt)
if(EMSCRIPTEN)
  set(CONVLAB_PLATFORM_SOURCE src/platform/platform_web.cpp)
else()
  set(CONVLAB_PLATFORM_SOURCE src/platform/platform_desktop.cpp)
endif()
foreach(variant ${CONVLAB_PAGE_VARIANTS})
  convlab_variant_suffix(${variant} v)
  set(t "")
  if(variant STREQUAL "threads")
    set(t "_threads")
  endif()
  add_executable(convlab_app${v} ${CONVLAB_APP_SOURCES} src/platform/main.cpp ${CONVLAB_PLATFORM_SOURCE})
  target_include_directories(convlab_app${v} PRIVATE src)
  target_link_libraries(convlab_app${v} PRIVATE convlab_text${v} convlab_core${v} imgui${t} convlab_assets${t}
    convlab_warnings)
endforeach()

if(EMSCRIPTEN)
  set(WEB_OUT "${CMAKE_BINARY_DIR}/web")
  # convlab.js + .wasm (SIMD) and convlab_scalar.js + .wasm; shell.js loads one.
  foreach(variant ${CONVLAB_PAGE_VARIANTS})
    convlab_variant_suffix(${variant} v)
    set_target_properties(convlab_app${v} PROPERTIES OUTPUT_NAME convlab${v} SUFFIX ".js"
      RUNTIME_OUTPUT_DIRECTORY "${WEB_OUT}")
    target_link_options(convlab_app${v} PRIVATE ${CONVLAB_WASM_PAGE_LINK})
  endforeach()
  # The simd and scalar builds also load in web/training_worker.js, which trains
  # for a page that is not cross-origin isolated (training_worker.h).
  target_link_options(convlab_app PRIVATE -sENVIRONMENT=web,worker)
  if(TARGET convlab_app_scalar)
    target_link_options(convlab_app_scalar PRIVATE -sENVIRONMENT=web,worker)
  endif()
  # A worker per thread the page may use, started with the page: a thread
  # created later would wait for the main thread to yield before it runs.
  target_link_options(convlab_app_threads PRIVATE "-sPTHREAD_POOL_SIZE=Math.min(8,navigator.hardwareConcurrency||1)"
    -sENVIRONMENT=web,worker)
  add_dependencies(convlab_app_threads convlab_web)
  # The page shell: copied, never generated into web/. All but web/sw.js, the
  # service worker's template, which convlab_web_manifest writes out below.
  file(GLOB CONVLAB_WEB_FILES CONFIGURE_DEPENDS web/*)
  list(REMOVE_ITEM CONVLAB_WEB_FILES "${CMAKE_SOURCE_DIR}/web/sw.js")
  foreach(f ${CONVLAB_WEB_FILES})
    get_filename_component(name "${f}" NAME)
    add_custom_command(OUTPUT "${WEB_OUT}/${name}" COMMAND ${CMAKE_COMMAND} -E copy "${f}" "${WEB_OUT}/${name}"
      DEPENDS "${f}")
    list(APPEND CONVLAB_WEB_OUTPUTS "${WEB_OUT}/${name}")
  endforeach()
  # The digits, fetched by the page only when training starts.
  add_custom_command(OUTPUT "${WEB_OUT}/mnist.bin"
    COMMAND ${CMAKE_COMMAND} -E copy "${CONVLAB_MNIST_BIN}" "${WEB_OUT}/mnist.bin" DEPENDS "${CONVLAB_MNIST_BIN}")
  list(APPEND CONVLAB_WEB_OUTPUTS "${WEB_OUT}/mnist.bin")
  # The Chinese glyphs (cjk_font.cmake), fetched by the page only when Chinese is chosen.
  add_custom_command(OUTPUT "${WEB_OUT}/cjk_font.otf"
    COMMAND ${CMAKE_COMMAND} -E copy "${CONVLAB_CJK_FONT}" "${WEB_OUT}/cjk_font.otf" DEPENDS "${CONVLAB_CJK_FONT}")
  list(APPEND CONVLAB_WEB_OUTPUTS "${WEB_OUT}/cjk_font.otf")
  add_custom_target(convlab_web ALL DEPENDS ${CONVLAB_WEB_OUTPUTS})
  add_dependencies(convlab_app convlab_web)
  # The page's version (tools/web_manifest.mjs): every file of build/wasm/web
  # hashed once all three page builds are linked, written into version.json and
  # sw.js, so a new build is a new service worker. Always run (no OUTPUT): it
  # takes a fraction of a second, and a stale version would keep a rebuilt page
  # out of browsers that have the old one. tools/serve.sh and tools/site.sh
  # build it by name; `cmake --build` (ALL) builds it too.
  add_custom_target(convlab_web_manifest ALL
    COMMAND node "${CMAKE_SOURCE_DIR}/tools/web_manifest.mjs" "${WEB_OUT}" "${CMAKE_SOURCE_DIR}/web/sw.js"
    VERBATIM)
  add_dependencies(convlab_web_manifest convlab_web convlab_app convlab_app_scalar convlab_app_threads)
else()
  set_target_properties(convlab_app PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}")
endif()
