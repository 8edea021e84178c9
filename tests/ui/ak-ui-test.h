/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ak-confirmation.h"
#include "ak-window.h"

G_BEGIN_DECLS

/* Shared helpers for the in-process UI tests: find widgets the way a person
 * would see them, press buttons, and wait on the main loop for a condition
 * (never for a fixed time) with a deadline that fails the test. */

/* How long a wait may take before it fails the test: 10 s, times
 * AK_TEST_TIMEOUT_SCALE where the build is slower (the sanitizer build sets
 * it, tests/meson.build). */
#define AK_UI_TEST_TIMEOUT_MS (ak_ui_test_timeout_ms ())

guint         ak_ui_test_timeout_ms          (void);

void          ak_ui_test_init                (int          *argc,
                                              char       ***argv);
gboolean      ak_ui_test_wait_until          (gboolean    (*condition) (gpointer),
                                              gpointer      data,
                                              guint         timeout_ms);
gboolean      ak_ui_test_await               (gboolean    (*condition) (gpointer),
                                              gpointer      data);
gboolean      ak_ui_test_pointer_is_null     (gpointer      data);
gboolean      ak_ui_test_result_is_set       (gpointer      data);
void          ak_ui_test_store_result_cb     (GObject      *object,
                                              GAsyncResult *result,
                                              gpointer      user_data);
void          ak_ui_test_drain               (void);
GtkWidget    *ak_ui_test_find_by_id          (GtkWidget    *root,
                                              const char   *buildable_id);
GtkWidget    *ak_ui_test_get_widget          (gpointer      root,
                                              const char   *buildable_id);
void          ak_ui_test_click_id            (gpointer      root,
                                              const char   *buildable_id);
gboolean      ak_ui_test_is_shown            (gpointer      root,
                                              const char   *buildable_id);
const char   *ak_ui_test_label_text          (gpointer      root,
                                              const char   *buildable_id);
const char   *ak_ui_test_get_text            (gpointer      root,
                                              const char   *buildable_id);
void          ak_ui_test_set_text            (gpointer      root,
                                              const char   *buildable_id,
                                              const char   *text);
GtkWidget    *ak_ui_test_find_by_type        (GtkWidget    *root,
                                              GType         type);
GPtrArray    *ak_ui_test_find_all_by_type    (GtkWidget    *root,
                                              GType         type);
GtkWidget    *ak_ui_test_find_button         (GtkWidget    *root,
                                              const char   *label);
gboolean      ak_ui_test_press_shortcut      (GtkWidget    *widget,
                                              const char   *key_name);
GtkWidget    *ak_ui_test_find_menu_item      (GtkWidget    *root,
                                              const char   *label);
GtkWindow    *ak_ui_test_find_toplevel       (GType         type);
guint         ak_ui_test_count_toplevels     (GType         type);
AkKey        *ak_ui_test_find_window_key     (AkWindow     *window,
                                              const char   *id);
AkConfirmation *ak_ui_test_find_confirmation (const char   *heading);
GtkWindow    *ak_ui_test_confirmation_window (AkConfirmation *confirmation);
guint         ak_ui_test_count_dialogs       (void);
void          ak_ui_test_click               (GtkWidget    *button);
char         *ak_ui_test_collect_text        (GtkWidget    *root);
char         *ak_ui_test_toast_text          (GtkWidget    *root);
GtkWidget    *ak_ui_test_toast_button        (GtkWidget    *root);
gboolean      ak_ui_test_toast_settled       (GtkWidget    *root);
void          ak_ui_test_destroy_toplevels   (void);
GtkWidget    *ak_ui_test_row_cell            (gpointer      root,
                                              const char   *id);

/* Iterates the main loop until @expr holds; fails the test after
 * AK_UI_TEST_TIMEOUT_MS. */
#define ak_ui_test_wait_for(expr)                                                   \
  G_STMT_START {                                                                    \
    gint64 _ak_deadline = g_get_monotonic_time () +                                 \
                          (gint64) AK_UI_TEST_TIMEOUT_MS * 1000;                    \
    guint _ak_tick = g_timeout_add (5, ak_ui_test_tick_cb, NULL);                   \
    while (!(expr))                                                                 \
      {                                                                             \
        if (g_get_monotonic_time () > _ak_deadline)                                 \
          {                                                                         \
            g_source_remove (_ak_tick);                                             \
            g_assertion_message_expr (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,  \
                                      "timed out waiting for " #expr);              \
          }                                                                         \
        g_main_context_iteration (NULL, TRUE);                                      \
      }                                                                             \
    g_source_remove (_ak_tick);                                                     \
  } G_STMT_END

gboolean      ak_ui_test_tick_cb             (gpointer      data);

G_END_DECLS
