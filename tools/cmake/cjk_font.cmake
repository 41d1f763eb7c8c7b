# cjk_font.cmake: the Chinese font, cut at build time from Debian's
# fonts-noto-cjk (Noto Sans CJK SC, SIL Open Font License) down to exactly the
# characters the Chinese rows of the string table use, plus ASCII and common
# CJK punctuation (tools/cjk_text.py). Not embedded: the page fetches it only
# when Chinese is chosen, so English first paint does not wait for it.
# Output: build/<preset>/data/cjk_font.otf (the desktop app and the tests read
# it there; app.cmake copies it beside the page). Never in the repository.
set(CONVLAB_CJK_SOURCE "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
set(CONVLAB_CJK_FACE 2)  # the collection's faces: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK
file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/data")
set(CONVLAB_CJK_TEXT "${CMAKE_BINARY_DIR}/data/cjk_text.txt")
set(CONVLAB_CJK_FONT "${CMAKE_BINARY_DIR}/data/cjk_font.otf")
# Every strings*.cpp, so a table split into several files (the lesson's rows)
# is covered too; a new file re-runs the glob at the next build.
file(GLOB CONVLAB_STRING_TABLES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/app/text/strings*.cpp")
if(NOT EXISTS "${CONVLAB_CJK_SOURCE}")
  message(FATAL_ERROR "${CONVLAB_CJK_SOURCE} not found: run tools/deps.sh (Debian package fonts-noto-cjk)")
endif()
add_custom_command(OUTPUT "${CONVLAB_CJK_TEXT}"
  COMMAND /usr/bin/python3 "${CMAKE_SOURCE_DIR}/tools/cjk_text.py" "${CONVLAB_CJK_TEXT}" ${CONVLAB_STRING_TABLES}
  DEPENDS "${CMAKE_SOURCE_DIR}/tools/cjk_text.py" ${CONVLAB_STRING_TABLES}
  COMMENT "Collecting the characters of the Chinese string table")
# No hinting and no layout tables: ImGui rasterises outlines with stb_truetype
# and shapes nothing, so those bytes would only slow the download.
add_custom_command(OUTPUT "${CONVLAB_CJK_FONT}"
  COMMAND /usr/bin/python3 -m fontTools.subset "${CONVLAB_CJK_SOURCE}" --font-number=${CONVLAB_CJK_FACE}
          --text-file=${CONVLAB_CJK_TEXT} --layout-features= --no-hinting --output-file=${CONVLAB_CJK_FONT}
  DEPENDS "${CONVLAB_CJK_TEXT}" "${CONVLAB_CJK_SOURCE}"
  COMMENT "Subsetting Noto Sans CJK SC to the Chinese string table")
# The four glyphs of the menu's "简体中文", embedded in the page (app.cmake), so
# the language menu names Chinese in its own script before the font is fetched.
set(CONVLAB_CJK_MENU_TEXT "${CMAKE_BINARY_DIR}/data/cjk_menu_text.txt")
set(CONVLAB_CJK_MENU_FONT "${CMAKE_BINARY_DIR}/data/cjk_menu_font.otf")
add_custom_command(OUTPUT "${CONVLAB_CJK_MENU_TEXT}"
  COMMAND /usr/bin/python3 "${CMAKE_SOURCE_DIR}/tools/cjk_text.py" --row LangChinese "${CONVLAB_CJK_MENU_TEXT}"
          ${CONVLAB_STRING_TABLES}
  DEPENDS "${CMAKE_SOURCE_DIR}/tools/cjk_text.py" ${CONVLAB_STRING_TABLES})
add_custom_command(OUTPUT "${CONVLAB_CJK_MENU_FONT}"
  COMMAND /usr/bin/python3 -m fontTools.subset "${CONVLAB_CJK_SOURCE}" --font-number=${CONVLAB_CJK_FACE}
          --text-file=${CONVLAB_CJK_MENU_TEXT} --layout-features= --no-hinting --output-file=${CONVLAB_CJK_MENU_FONT}
  DEPENDS "${CONVLAB_CJK_MENU_TEXT}" "${CONVLAB_CJK_SOURCE}")
add_custom_target(convlab_cjk_font ALL DEPENDS "${CONVLAB_CJK_FONT}" "${CONVLAB_CJK_MENU_FONT}")
