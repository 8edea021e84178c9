/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-layout"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "ak-account-dialog.h"
#include "ak-application.h"
#include "ak-create-dialog.h"
#include "ak-history-window.h"
#include "ak-key-list.h"
#include "ak-test-provider.h"
#include "ak-ui-test.h"
#include "ak-window.h"

/* Every window and dialog, in every language of po/LINGUAS, at its default
 * size: a label that GTK cuts short with "…" where the English one fits is a
 * translation that does not fit. Then a right-to-left run (LANGUAGE=he, the
 * direction set as GTK sets it for Hebrew): the window must come out as the
 * mirror image of the left-to-right one, and nothing may overlap.
 *
 * The translations are the build's (AK_TEST_LOCALEDIR, <build>/po), the
 * languages those of AK_TEST_LINGUAS (po/LINGUAS). gettext ignores LANGUAGE
 * in the "C" locale, and glibc 2.41 (Debian 13) treats C.UTF-8 as C there
 * too, so the test runs in en_US.UTF-8, compiled by the build into its own
 * folder (LOCPATH): nothing needs to be installed in the system's locales. */

#define EC2_KEY  "AKIA4F2C9E7D1B3A5C80"
#define APP_CRED "0c5e2a9f7b3d41e8a6f2c4b9d1e7a3f5"

static AkApplication *app;
/* The History's sample changes (sample_history()). */
static AkHistory *histories[2];

typedef enum
{
  SURFACE_WINDOW,
  SURFACE_WINDOW_NO_ACCOUNT,
  SURFACE_WINDOW_NOT_LOADED,
  SURFACE_WINDOW_SIGNED_OUT,
  SURFACE_WINDOW_NARROW,
  SURFACE_WINDOW_SELECTION,
  SURFACE_DELETE_DIALOG,
  SURFACE_DELETE_MANY,
  SURFACE_DELETE_APPLICATION_CREDENTIAL,
  SURFACE_SIGN_IN_DIALOG,
  SURFACE_SIGN_IN_APPLICATION_CREDENTIAL,
  SURFACE_CREATE_DIALOG,
  SURFACE_CREATE_APPLICATION_CREDENTIAL,
  SURFACE_HISTORY,
  SURFACE_HISTORY_OUTCOMES,
  SURFACE_HISTORY_EMPTY,
  N_SURFACES
} Surface;

static const char * const surface_names[N_SURFACES] = {
  "main window",
  "main window without an account",
  "main window, keys not loaded",
  "main window, signed out",
  "main window, narrow",
  "main window, selection mode",
  "delete dialog",
  "delete dialog, several keys",
  "delete dialog, application credential",
  "sign-in dialog",
  "sign-in dialog, application credential",
  "create dialog",
  "create dialog, application credential",
  "History window",
  "History window, every other outcome",
  "History window, nothing yet",
};

/* One widget as laid out: where it is in its toplevel, and for a label
 * what it says and whether it is cut short. Widgets are matched across
 * languages by their place in a depth-first walk: the tree is the same. */
typedef struct
{
  GType            type;
  char            *text;
  gboolean         drawable;
  gboolean         ellipsized;
  gboolean         use_underline;
  float            clipped;       /* px of it scrolled out of sight sideways */
  gboolean         in_switch;     /* GtkSwitch draws its parts as it likes */
  int              natural_width;
  graphene_rect_t  bounds;
} Item;

typedef struct
{
  GPtrArray *items;
  GPtrArray *overlaps;    /* (element-type utf8): pairs of siblings that overlap */
  float      width;       /* of the toplevel the surface is in */
  guint      n_labels;    /* drawn */
} Layout;

static Layout *english[N_SURFACES];
static guint n_compared;

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->text);
  g_free (item);
}

static void
layout_free (Layout *layout)
{
  g_ptr_array_unref (layout->items);
  g_ptr_array_unref (layout->overlaps);
  g_free (layout);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Layout, layout_free)

#ifdef __GLIBC__
/* glibc keeps the translations it has looked up until this counter moves:
 * without it, every language after the first would read the first one's. */
extern int _nl_msg_cat_cntr;
#endif

static void
use_language (const char       *language,
              GtkTextDirection  direction)
{
  g_setenv ("LANGUAGE", language, TRUE);
#ifdef __GLIBC__
  ++_nl_msg_cat_cntr;
#endif
  gtk_widget_set_default_direction (direction);
}

static char *
describe (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return g_strdup_printf ("%s “%s”", G_OBJECT_TYPE_NAME (widget),
                            gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return g_strdup_printf ("%s “%s”", G_OBJECT_TYPE_NAME (widget),
                            gtk_button_get_label (GTK_BUTTON (widget)));

  return g_strdup (G_OBJECT_TYPE_NAME (widget));
}

static gboolean
shown_with_size (GtkWidget       *widget,
                 GtkWidget       *root,
                 graphene_rect_t *bounds)
{
  return gtk_widget_is_drawable (widget) &&
         gtk_widget_compute_bounds (widget, root, bounds) &&
         bounds->size.width >= 1 && bounds->size.height >= 1;
}

/* Children of a box lie side by side: none may cover another. */
static void
check_overlaps (GtkWidget *box,
                GtkWidget *root,
                GPtrArray *overlaps)
{
  for (GtkWidget *a = gtk_widget_get_first_child (box); a; a = gtk_widget_get_next_sibling (a))
    {
      graphene_rect_t ra, rb, both;

      if (!shown_with_size (a, root, &ra))
        continue;

      for (GtkWidget *b = gtk_widget_get_next_sibling (a); b; b = gtk_widget_get_next_sibling (b))
        {
          if (!shown_with_size (b, root, &rb) || !graphene_rect_intersection (&ra, &rb, &both))
            continue;

          if (both.size.width > 1 && both.size.height > 1)
            {
              g_autofree char *da = describe (a);
              g_autofree char *db = describe (b);

              g_ptr_array_add (overlaps, g_strdup_printf ("%s and %s overlap by %.0f×%.0f px",
                                                          da, db, both.size.width,
                                                          both.size.height));
            }
        }
    }
}

/* How much of @widget lies left or right of the scrolled window it is in:
 * a table wider than its window hides its last columns. */
static float
clipped_sideways (GtkWidget             *widget,
                  GtkWidget             *root,
                  const graphene_rect_t *bounds)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t view;
  float left, right;

  if (scrolled == NULL || !gtk_widget_compute_bounds (scrolled, root, &view))
    return 0;

  left = view.origin.x - bounds->origin.x;
  right = (bounds->origin.x + bounds->size.width) - (view.origin.x + view.size.width);

  return MAX (0, MAX (left, right));
}

static void
walk (GtkWidget *widget,
      GtkWidget *root,
      Layout    *layout)
{
  Item *item = g_new0 (Item, 1);

  item->type = G_OBJECT_TYPE (widget);
  item->in_switch = !GTK_IS_SWITCH (widget) &&
                    gtk_widget_get_ancestor (widget, GTK_TYPE_SWITCH) != NULL;
  item->drawable = gtk_widget_is_drawable (widget);
  if (!gtk_widget_compute_bounds (widget, root, &item->bounds))
    item->drawable = FALSE;

  if (GTK_IS_LABEL (widget))
    {
      GtkLabel *label = GTK_LABEL (widget);

      item->text = g_strdup (gtk_label_get_text (label));
      item->use_underline = gtk_label_get_use_underline (label);
      if (item->drawable)
        {
          item->ellipsized = pango_layout_is_ellipsized (gtk_label_get_layout (label));
          gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL,
                              &item->natural_width, NULL, NULL);
          item->clipped = clipped_sideways (widget, root, &item->bounds);
          layout->n_labels++;
        }
    }
  g_ptr_array_add (layout->items, item);

  if (GTK_IS_BOX (widget) && item->drawable)
    check_overlaps (widget, root, layout->overlaps);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (child, root, layout);
}

static gint64
frame_counter (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  return clock != NULL ? gdk_frame_clock_get_frame_counter (clock) : -1;
}

/* Mapped, and a few frames drawn since: sizes and ellipsizing are final. */
static void
settle (GtkWidget *toplevel)
{
  gint64 start;

  ak_ui_test_wait_for (gtk_widget_get_mapped (toplevel) && frame_counter (toplevel) >= 0);
  start = frame_counter (toplevel);
  ak_ui_test_wait_for ((gtk_widget_queue_draw (toplevel), frame_counter (toplevel) >= start + 4));
}

static AkTestProvider *
sample_provider (void)
{
  AkTestProvider *provider;
  g_autoptr(GDateTime) expires = g_date_time_new_utc (2027, 3, 31, 0, 0, 0);
  AkKey *key;

  provider = ak_test_provider_new (AK_PROVIDER_FEATURE_EXPIRY |
                                   AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS);
  ak_test_provider_add_new_key (provider, AK_KEY_KIND_EC2, EC2_KEY, "alice", "web-shop", NULL);
  ak_test_provider_add_new_key (provider, AK_KEY_KIND_EC2, "AKIA9B1D3F5E7A2C4E61", "bob",
                                "web-shop", NULL);
  key = ak_test_provider_add_new_key (provider, AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                      APP_CRED, "alice", "backups", "nightly-backup");
  ak_key_set_description (key, "Copies the database to cold storage every night");
  ak_key_set_expires_at (key, expires);
  key = ak_test_provider_add_new_key (provider, AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                      "9a8b7c6d5e4f40312a1b2c3d4e5f6a7b", "dave", "web-shop",
                                      "ci-deploy");
  ak_key_set_description (key, "Used by the deploy pipeline");

  return provider;
}

static gboolean
list_answered (AkTestProvider *provider)
{
  return ak_test_provider_get_n_calls (provider, AK_TEST_CALL_LIST) > 0 &&
         ak_test_provider_get_n_pending (provider, AK_TEST_CALL_LIST) == 0;
}

static AkWindow *
open_window (AkTestProvider *provider,
             AkAccount      *account)
{
  AkWindow *window = ak_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  if (account != NULL)
    {
      ak_window_set_account (window, account, AK_PROVIDER (provider));
      ak_ui_test_wait_for (list_answered (provider));
    }
  settle (GTK_WIDGET (window));

  return window;
}

static gboolean
has_mapped_button (GtkWidget *widget)
{
  g_autoptr(GPtrArray) buttons = ak_ui_test_find_all_by_type (widget, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (buttons, i)))
      return TRUE;

  return FALSE;
}

/* The question on screen over @window, and what to lay out to see it: its
 * own window (AdwMessageDialog, libadwaita 1.2), or @window itself when the
 * question is a dialog inside it (AdwAlertDialog, 1.5 and later; looked up
 * by name, so this builds against either). Shown once its answers are. */
static GtkWidget *
find_question (GtkWidget *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GType alert_type = g_type_from_name ("AdwAlertDialog");

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel != window && ADW_IS_MESSAGE_DIALOG (toplevel) &&
          has_mapped_button (toplevel))
        return toplevel;
    }

  if (alert_type != G_TYPE_INVALID)
    {
      GtkWidget *alert = ak_ui_test_find_by_type (window, alert_type);

      if (alert != NULL && has_mapped_button (alert))
        return window;
    }

  return NULL;
}

static GtkWidget *
open_delete_dialog (AkTestProvider *provider,
                    AkAccount      *account,
                    AkKeyKind       kind,
                    const char     *id)
{
  GtkWidget *window = GTK_WIDGET (open_window (provider, account));
  GtkWidget *shown;

  gtk_widget_activate_action (window, "win.delete-key", "(us)", (guint32) kind, id);
  ak_ui_test_wait_for (find_question (window) != NULL);
  shown = find_question (window);
  settle (shown);

  return shown;
}

/* Selection mode with two keys ticked, and for @ask the question about
 * them (one of them cannot be restored: the typed confirmation too). */
static GtkWidget *
open_selection (AkTestProvider *provider,
                AkAccount      *account,
                gboolean        ask)
{
  GtkWidget *window = GTK_WIDGET (open_window (provider, account));
  AkKeyList *key_list = AK_KEY_LIST (ak_ui_test_get_widget (window, "key_list"));
  GListModel *keys = ak_key_list_get_model (key_list);
  GtkWidget *shown = window;

  /* The check boxes take a column's room: wide enough that the sample's
   * descriptions fit beside them in English and in German alike. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 600);
  ak_key_list_set_selection_mode (key_list, TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (keys); i++)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (keys, i);

      if (g_str_equal (ak_key_get_id (key), EC2_KEY) || g_str_equal (ak_key_get_id (key), APP_CRED))
        ak_key_choice_set_chosen (ak_key_list_get_choice (key_list), key, TRUE);
    }
  g_assert_cmpuint (ak_key_choice_get_n_chosen (ak_key_list_get_choice (key_list)), ==, 2);

  if (ask)
    {
      gtk_widget_activate_action (window, "win.delete-selected", NULL);
      ak_ui_test_wait_for (find_question (window) != NULL);
      shown = find_question (window);
    }
  settle (shown);

  return shown;
}

/* The main window at 360 px, as on a phone: each key on one row. GNOME's
 * buttons at the window's corner (its default button-layout), not the
 * Minimize and Maximize that GTK falls back to without GNOME's settings. */
static GtkWidget *
open_narrow_window (AkTestProvider *provider,
                    AkAccount      *account)
{
  GtkWidget *window;
  AkKeyList *key_list;

  /* Until lay_out() has read the window. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  window = GTK_WIDGET (open_window (provider, account));
  key_list = AK_KEY_LIST (ak_ui_test_get_widget (window, "key_list"));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 600);
  ak_ui_test_wait_for (ak_key_list_get_narrow (key_list) && gtk_widget_get_width (window) <= 360);
  settle (window);

  return window;
}

/* The History's sample changes: first those of ak-ui-demo's History, then
 * every other outcome, so that each of the fourteen ways a change can end
 * is seen in a window (fourteen rows would not all be shown at once). The
 * keys, owners and projects are the demo's too. */
static const struct {
  AkKeyKind       kind;
  const char     *id;
  const char     *user;
  AkKeyOperation  operation;
  AkKeyOutcome    outcome;
} changes[] = {
  { AK_KEY_KIND_EC2, "AKIA7E3A1C9B5D2F8A44", "carol", AK_KEY_OPERATION_CREATE,
    AK_KEY_OUTCOME_DONE },
  { AK_KEY_KIND_EC2, "AKIA9B1D3F5E7A2C4E61", "bob", AK_KEY_OPERATION_DELETE,
    AK_KEY_OUTCOME_DONE },
  { AK_KEY_KIND_EC2, "AKIA9B1D3F5E7A2C4E61", "carol", AK_KEY_OPERATION_RESTORE,
    AK_KEY_OUTCOME_DONE },
  { AK_KEY_KIND_APPLICATION_CREDENTIAL, APP_CRED, "bob", AK_KEY_OPERATION_DELETE,
    AK_KEY_OUTCOME_NOT_ALLOWED },
  { AK_KEY_KIND_EC2, EC2_KEY, "carol", AK_KEY_OPERATION_DELETE, AK_KEY_OUTCOME_UNKNOWN },
  /* Every other outcome. */
  { AK_KEY_KIND_EC2, EC2_KEY, "carol", AK_KEY_OPERATION_RESTORE, AK_KEY_OUTCOME_NOT_ALLOWED },
  { AK_KEY_KIND_EC2, EC2_KEY, "carol", AK_KEY_OPERATION_RESTORE, AK_KEY_OUTCOME_UNKNOWN },
  { AK_KEY_KIND_EC2, EC2_KEY, "carol", AK_KEY_OPERATION_RESTORE, AK_KEY_OUTCOME_FAILED },
  { AK_KEY_KIND_APPLICATION_CREDENTIAL, APP_CRED, "bob", AK_KEY_OPERATION_CREATE,
    AK_KEY_OUTCOME_SECRET_LOST },
  { AK_KEY_KIND_EC2, "AKIA7E3A1C9B5D2F8A44", "bob", AK_KEY_OPERATION_CREATE,
    AK_KEY_OUTCOME_NOT_ALLOWED },
  { AK_KEY_KIND_EC2, "AKIA7E3A1C9B5D2F8A44", "carol", AK_KEY_OPERATION_CREATE,
    AK_KEY_OUTCOME_UNKNOWN },
  { AK_KEY_KIND_EC2, "AKIA7E3A1C9B5D2F8A44", "carol", AK_KEY_OPERATION_CREATE,
    AK_KEY_OUTCOME_FAILED },
  { AK_KEY_KIND_EC2, "AKIA9B1D3F5E7A2C4E61", "bob", AK_KEY_OPERATION_DELETE,
    AK_KEY_OUTCOME_ALREADY_GONE },
  { AK_KEY_KIND_EC2, "AKIA9B1D3F5E7A2C4E61", "bob", AK_KEY_OPERATION_DELETE,
    AK_KEY_OUTCOME_FAILED },
};
#define N_DEMO_CHANGES 5

/* The demo's changes (@demo) or the others, recorded once, in the first
 * test's own state folder, and read at once: every later test shows the
 * same entries at the same times, from memory. */
static AkHistory *
sample_history (AkAccount *account,
                gboolean   demo)
{
  AkHistory **history = &histories[demo ? 0 : 1];
  guint first = demo ? 0 : N_DEMO_CHANGES;
  guint end = demo ? N_DEMO_CHANGES : G_N_ELEMENTS (changes);

  if (*history == NULL)
    {
      g_autofree char *path = g_build_filename (g_get_user_state_dir (), "access-keys",
                                                demo ? "demo.jsonl" : "others.jsonl", NULL);

      *history = ak_history_new (path);
      for (guint i = first; i < end; i++)
        {
          g_autoptr(AkKey) key = ak_key_new (changes[i].kind, changes[i].id);
          g_autoptr(AkKeyResult) result = NULL;

          ak_key_set_user_name (key, changes[i].user);
          ak_key_set_project_name (key, "web-shop");
          if (changes[i].kind == AK_KEY_KIND_APPLICATION_CREDENTIAL)
            ak_key_set_name (key, "ci-deploy");
          result = ak_key_result_new (changes[i].operation, changes[i].outcome, key, NULL);
          g_assert_true (ak_history_record (*history, result, account));
        }
      g_assert_cmpuint (g_list_model_get_n_items (ak_history_get_entries (*history)), ==,
                        end - first);
    }

  return *history;
}

/* The History window over the main window, showing @shown_history. */
static GtkWidget *
open_history_window (AkTestProvider *provider,
                     AkHistory      *shown_history)
{
  AkWindow *window = open_window (provider, NULL);
  GtkWidget *shown = GTK_WIDGET (ak_history_window_new (GTK_WINDOW (window), shown_history));

  gtk_window_present (GTK_WINDOW (shown));
  settle (shown);

  return shown;
}

/* Builds @surface in the current language and direction, lets it lay out
 * at its default size, and reads every widget of it. */
static Layout *
lay_out (Surface surface)
{
  g_autoptr(AkTestProvider) provider = sample_provider ();
  g_autoptr(AkAccount) account = ak_account_new ();
  g_autoptr(AkAccountStore) store = NULL;
  g_autoptr(AkHistory) empty_history = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *empty_path = NULL;
  g_autofree char *decoration_layout = NULL;
  GtkWidget *shown = NULL;
  Layout *layout;

  g_object_get (gtk_settings_get_default (), "gtk-decoration-layout", &decoration_layout, NULL);

  ak_account_set_label (account, "Demo Cloud");
  ak_account_set_auth_url (account, "https://keystone.example.com/v3");
  ak_account_set_username (account, "alice");

  switch (surface)
    {
    case SURFACE_WINDOW:
      shown = GTK_WIDGET (open_window (provider, account));
      break;

    case SURFACE_WINDOW_NO_ACCOUNT:
      shown = GTK_WIDGET (open_window (provider, NULL));
      break;

    case SURFACE_WINDOW_NOT_LOADED:
      ak_test_provider_push_result (provider, AK_TEST_CALL_LIST,
                                    ak_error_new (AK_ERROR_NETWORK, 0,
                                                  "Error resolving “keystone.example.com”: "
                                                  "Name or service not known"));
      shown = GTK_WIDGET (open_window (provider, account));
      break;

    case SURFACE_WINDOW_SIGNED_OUT:
      ak_test_provider_push_error (provider, AK_TEST_CALL_LIST, AK_ERROR_AUTH);
      shown = GTK_WIDGET (open_window (provider, account));
      break;

    case SURFACE_WINDOW_NARROW:
      shown = open_narrow_window (provider, account);
      break;

    case SURFACE_WINDOW_SELECTION:
    case SURFACE_DELETE_MANY:
      shown = open_selection (provider, account, surface == SURFACE_DELETE_MANY);
      break;

    case SURFACE_DELETE_DIALOG:
      shown = open_delete_dialog (provider, account, AK_KEY_KIND_EC2, EC2_KEY);
      break;

    case SURFACE_DELETE_APPLICATION_CREDENTIAL:
      shown = open_delete_dialog (provider, account, AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                  APP_CRED);
      break;

    case SURFACE_SIGN_IN_DIALOG:
    case SURFACE_SIGN_IN_APPLICATION_CREDENTIAL:
      store_path = g_build_filename (g_get_user_config_dir (), "access-keys", "accounts", NULL);
      store = ak_account_store_new (store_path);
      shown = GTK_WIDGET (ak_account_dialog_new (NULL, store, NULL));
      gtk_window_present (GTK_WINDOW (shown));
      if (surface == SURFACE_SIGN_IN_APPLICATION_CREDENTIAL)
        gtk_switch_set_active (GTK_SWITCH (ak_ui_test_get_widget (shown, "app_cred_switch")),
                               TRUE);
      settle (shown);
      break;

    case SURFACE_CREATE_DIALOG:
    case SURFACE_CREATE_APPLICATION_CREDENTIAL:
      shown = GTK_WIDGET (ak_create_dialog_new (NULL, AK_PROVIDER (provider)));
      gtk_window_present (GTK_WINDOW (shown));
      if (surface == SURFACE_CREATE_APPLICATION_CREDENTIAL)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (ak_ui_test_get_widget (shown,
                                                                             "app_cred_check")),
                                     TRUE);
      settle (shown);
      break;

    case SURFACE_HISTORY:
    case SURFACE_HISTORY_OUTCOMES:
      shown = open_history_window (provider,
                                   sample_history (account, surface == SURFACE_HISTORY));
      break;

    case SURFACE_HISTORY_EMPTY:
      /* A file that is not there: a history nothing was recorded in. */
      empty_path = g_build_filename (g_get_user_state_dir (), "no-history.jsonl", NULL);
      empty_history = ak_history_new (empty_path);
      shown = open_history_window (provider, empty_history);
      break;

    case N_SURFACES:
    default:
      g_assert_not_reached ();
    }

  layout = g_new0 (Layout, 1);
  layout->items = g_ptr_array_new_with_free_func (item_free);
  layout->overlaps = g_ptr_array_new_with_free_func (g_free);
  layout->width = gtk_widget_get_width (shown);
  walk (shown, shown, layout);

  ak_ui_test_destroy_toplevels ();
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", decoration_layout, NULL);

  return layout;
}

static const Layout *
english_layout (Surface surface)
{
  if (english[surface] == NULL)
    {
      use_language ("en", GTK_TEXT_DIR_LTR);
      english[surface] = lay_out (surface);
    }

  return english[surface];
}

/* One message a problem (TAP has no multi-line messages), then one failure. */
static void
report (GString    *problems,
        const char *what)
{
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  if (problems->len == 0)
    return;

  lines = g_strsplit (problems->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      {
        g_test_message ("%s: %s", what, lines[i]);
        n++;
      }
  g_test_fail_printf ("%s: %u problems, listed above", what, n);
}

static gboolean
shows_mnemonic_letter (const Item *item)
{
  const char *underscore = item->text != NULL ? strchr (item->text, '_') : NULL;

  /* A label that does not use its underline shows "_N" as it is. */
  return !item->use_underline && underscore != NULL && g_ascii_isalnum (underscore[1]);
}

static void
test_language (gconstpointer data)
{
  const char *language = data;
  g_autoptr(GString) problems = g_string_new (NULL);
  guint checked = 0;

  for (Surface surface = 0; surface < N_SURFACES; surface++)
    {
      const Layout *en = english_layout (surface);
      g_autoptr(Layout) translated = NULL;

      use_language (language, GTK_TEXT_DIR_LTR);
      /* Not vacuous: the catalogue is there and was read. */
      g_assert_cmpstr (_("Access Keys"), !=, "Access Keys");
      translated = lay_out (surface);

      if (translated->items->len != en->items->len)
        {
          g_string_append_printf (problems, "\n  %s: %u widgets, %u in English",
                                  surface_names[surface], translated->items->len,
                                  en->items->len);
          continue;
        }

      for (guint i = 0; i < translated->items->len; i++)
        {
          const Item *t = g_ptr_array_index (translated->items, i);
          const Item *e = g_ptr_array_index (en->items, i);

          if (t->type != e->type)
            {
              g_string_append_printf (problems, "\n  %s: widget %u is a %s, a %s in English",
                                      surface_names[surface], i, g_type_name (t->type),
                                      g_type_name (e->type));
              break;
            }
          if (t->text == NULL || !t->drawable)
            continue;

          checked++;
          if (t->ellipsized && !(e->drawable && e->ellipsized))
            g_string_append_printf (problems, "\n  %s: “%s” is cut short: it needs %d px, "
                                    "it has %.0f (English “%s” fits)",
                                    surface_names[surface], t->text, t->natural_width,
                                    t->bounds.size.width, e->text);
          if (t->clipped > 1 && e->clipped <= 1)
            g_string_append_printf (problems, "\n  %s: “%s” is %.0f px out of sight: what it "
                                    "is in is too wide for the window (English “%s” is seen)",
                                    surface_names[surface], t->text, t->clipped, e->text);
          if (shows_mnemonic_letter (t))
            g_string_append_printf (problems, "\n  %s: “%s” shows its mnemonic letter",
                                    surface_names[surface], t->text);
        }

      for (guint i = 0; i < translated->overlaps->len; i++)
        g_string_append_printf (problems, "\n  %s: %s", surface_names[surface],
                                (const char *) g_ptr_array_index (translated->overlaps, i));
    }

  n_compared += checked;
  g_test_message ("%s: %u labels compared with English in %d windows and dialogs",
                  language, checked, N_SURFACES);
  report (problems, language);
}

/* English itself: nothing overlaps, and no label shows an underscore. */
static void
test_english (void)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  for (Surface surface = 0; surface < N_SURFACES; surface++)
    {
      const Layout *en = english_layout (surface);

      g_assert_cmpuint (en->n_labels, >, 0);
      for (guint i = 0; i < en->overlaps->len; i++)
        g_string_append_printf (problems, "\n  %s: %s", surface_names[surface],
                                (const char *) g_ptr_array_index (en->overlaps, i));
      for (guint i = 0; i < en->items->len; i++)
        {
          const Item *e = g_ptr_array_index (en->items, i);

          if (e->drawable && e->text != NULL && e->clipped > 1)
            g_string_append_printf (problems, "\n  %s: “%s” is %.0f px out of sight",
                                    surface_names[surface], e->text, e->clipped);
          if (e->drawable && shows_mnemonic_letter (e))
            g_string_append_printf (problems, "\n  %s: “%s” shows its mnemonic letter",
                                    surface_names[surface], e->text);
        }
    }

  report (problems, "English");
}

/* Right to left: each widget sits where the left-to-right one would be seen
 * in a mirror, at the same size, and nothing overlaps. There is no Hebrew
 * catalogue, so the words are the English ones and only the direction
 * changes. */
static void
test_right_to_left (void)
{
  static const Surface surfaces[] = {
    SURFACE_WINDOW, SURFACE_DELETE_DIALOG, SURFACE_SIGN_IN_DIALOG, SURFACE_CREATE_DIALOG,
  };
  g_autoptr(GString) problems = g_string_new (NULL);
  guint mirrored = 0;

  for (guint s = 0; s < G_N_ELEMENTS (surfaces); s++)
    {
      const Layout *ltr = english_layout (surfaces[s]);
      g_autoptr(Layout) rtl = NULL;
      guint wrong = 0;

      use_language ("he", GTK_TEXT_DIR_RTL);
      rtl = lay_out (surfaces[s]);
      use_language ("en", GTK_TEXT_DIR_LTR);

      g_assert_cmpuint (rtl->items->len, ==, ltr->items->len);
      g_assert_cmpfloat (rtl->width, ==, ltr->width);

      for (guint i = 0; i < rtl->items->len; i++)
        {
          const Item *r = g_ptr_array_index (rtl->items, i);
          const Item *l = g_ptr_array_index (ltr->items, i);
          float expected_x = ltr->width - l->bounds.origin.x - l->bounds.size.width;

          g_assert_true (r->type == l->type);
          if (!r->drawable || !l->drawable || l->bounds.size.width < 1 || r->in_switch)
            continue;

          /* Within rounding: a centred dialog (libadwaita 1.7) lands up to
           * two pixels apart in the two directions; a widget on the wrong
           * side is hundreds of pixels off. */
          if (G_APPROX_VALUE (r->bounds.origin.x, expected_x, 2.5f) &&
              G_APPROX_VALUE (r->bounds.origin.y, l->bounds.origin.y, 2.5f) &&
              G_APPROX_VALUE (r->bounds.size.width, l->bounds.size.width, 2.5f))
            mirrored++;
          else if (wrong++ < 10)
            g_string_append_printf (problems, "\n  %s: %s%s%s at (%.0f, %.0f) %.0f wide, "
                                    "not at (%.0f, %.0f) %.0f wide",
                                    surface_names[surfaces[s]], g_type_name (r->type),
                                    r->text ? " " : "", r->text ? r->text : "",
                                    r->bounds.origin.x, r->bounds.origin.y,
                                    r->bounds.size.width, expected_x, l->bounds.origin.y,
                                    l->bounds.size.width);
        }

      for (guint i = 0; i < rtl->overlaps->len; i++)
        g_string_append_printf (problems, "\n  %s: %s", surface_names[surfaces[s]],
                                (const char *) g_ptr_array_index (rtl->overlaps, i));
    }

  g_test_message ("right to left: %u widgets mirrored in %u windows and dialogs", mirrored,
                  (guint) G_N_ELEMENTS (surfaces));
  g_assert_cmpuint (mirrored, >, 100);
  report (problems, "right to left");
}

/* The checks can fail: a label too long for its window is seen as cut
 * short, and one in a box wider than its scrolled window as out of sight. */
static void
test_detects_problems (void)
{
  g_autoptr(Layout) layout = g_new0 (Layout, 1);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *cut = gtk_label_new ("A label far too long to fit in a window this narrow");
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *wide = gtk_label_new ("Another label far wider than the window it is in");
  gboolean seen_cut = FALSE, seen_clipped = FALSE;

  gtk_label_set_ellipsize (GTK_LABEL (cut), PANGO_ELLIPSIZE_END);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_EXTERNAL,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), wide);
  gtk_box_append (GTK_BOX (box), cut);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 120, 80);
  gtk_window_present (GTK_WINDOW (window));
  settle (window);

  layout->items = g_ptr_array_new_with_free_func (item_free);
  layout->overlaps = g_ptr_array_new_with_free_func (g_free);
  walk (window, window, layout);
  for (guint i = 0; i < layout->items->len; i++)
    {
      const Item *item = g_ptr_array_index (layout->items, i);

      seen_cut |= item->ellipsized && g_str_has_prefix (item->text, "A label");
      seen_clipped |= item->clipped > 1 && g_str_has_prefix (item->text, "Another");
    }
  g_assert_true (seen_cut);
  g_assert_true (seen_clipped);

  ak_ui_test_destroy_toplevels ();
}

static char **
read_linguas (void)
{
  const char *path = g_getenv ("AK_TEST_LINGUAS");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) languages = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;

  g_assert_nonnull (path);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *hash = strchr (lines[i], '#');
      g_auto(GStrv) words = NULL;

      if (hash != NULL)
        *hash = '\0';
      words = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);
      for (guint j = 0; words[j] != NULL; j++)
        if (words[j][0] != '\0')
          g_strv_builder_add (languages, words[j]);
    }

  return g_strv_builder_end (languages);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) languages = NULL;
  int ret;

  ak_ui_test_init (&argc, &argv);
  /* Positions are compared where the dialogs come to rest, never halfway
   * through libadwaita's opening animation. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* gettext reads LANGUAGE in any locale but C (see the top). */
  g_assert_nonnull (g_getenv ("LOCPATH"));
  g_assert_nonnull (setlocale (LC_ALL, "en_US.UTF-8"));
  g_assert_nonnull (g_getenv ("AK_TEST_LOCALEDIR"));
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("AK_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = ak_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  languages = read_linguas ();
  g_assert_cmpuint (g_strv_length (languages), >, 0);

  g_test_add_func ("/layout/detects-problems", test_detects_problems);
  g_test_add_func ("/layout/en", test_english);
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("/layout/%s", languages[i]);

      g_test_add_data_func (path, languages[i], test_language);
    }
  g_test_add_func ("/layout/right-to-left", test_right_to_left);

  ret = g_test_run ();

  g_test_message ("%u labels compared in all", n_compared);
  for (Surface surface = 0; surface < N_SURFACES; surface++)
    g_clear_pointer (&english[surface], layout_free);
  for (guint i = 0; i < G_N_ELEMENTS (histories); i++)
    g_clear_object (&histories[i]);
  g_clear_object (&app);

  return ret;
}
