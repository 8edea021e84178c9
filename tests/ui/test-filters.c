/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-filters"

#include "config.h"

#include <string.h>

#include "ak-application.h"
#include "ak-key-export.h"
#include "ak-key-filter-button.h"
#include "ak-key-list.h"
#include "ak-key-status-cell.h"
#include "ak-test-provider.h"
#include "ak-ui-test.h"
#include "ak-ui-util-private.h"
#include "ak-window.h"

/* The Status column and the filters in the real window, as a person uses
 * them: what the column says about a flagged key and a clean one, Needs
 * Attention with its count, type, owner and project with the search, the
 * way back when nothing matches, and the filters a new window remembers.
 * The flags are set here on the window's keys, as the flags code sets
 * them once it has worked them out. */

static AkApplication *app;

typedef struct
{
  GSettings      *settings;
  AkWindow       *window;
  AkTestProvider *provider;
  AkAccount      *account;
} Fixture;

static const char *filter_settings[] = {
  "filter-needs-attention", "filter-kind", "filter-owner", "filter-project",
};

static void
add_key (Fixture    *f,
         AkKeyKind   kind,
         const char *id,
         const char *owner,
         const char *project,
         const char *name)
{
  g_autoptr(AkKey) key = ak_key_new (kind, id);
  g_autofree char *user_id = g_strdup_printf ("uid-%s", owner);
  g_autofree char *project_id = g_strdup_printf ("pid-%s", project);

  ak_key_set_user_id (key, user_id);
  ak_key_set_user_name (key, owner);
  ak_key_set_project_id (key, project_id);
  ak_key_set_project_name (key, project);
  ak_key_set_name (key, name);
  ak_test_provider_add_key (f->provider, key);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->settings = g_settings_new ("io.github.accesskeys.AccessKeys");
  for (guint i = 0; i < G_N_ELEMENTS (filter_settings); i++)
    g_settings_reset (f->settings, filter_settings[i]);
  g_settings_reset (f->settings, "last-account");

  f->provider = ak_test_provider_new (AK_PROVIDER_FEATURE_EXPIRY |
                                      AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS);
  f->account = ak_account_new ();
  ak_account_set_label (f->account, "Test Cloud");
  ak_account_set_auth_url (f->account, "https://keystone.example.com/v3");
  ak_account_set_username (f->account, "tester");

  add_key (f, AK_KEY_KIND_EC2, "AKIA01ALICEWEB", "alice", "web", "deploy");
  add_key (f, AK_KEY_KIND_APPLICATION_CREDENTIAL, "AC02ALICEDATA", "alice", "data", "backup");
  add_key (f, AK_KEY_KIND_EC2, "AKIA03BOBWEB", "bob", "web", "old deploy");
  add_key (f, AK_KEY_KIND_APPLICATION_CREDENTIAL, "AC04BOBWEB", "bob", "web", "ci runner");
  add_key (f, AK_KEY_KIND_EC2, "AKIA05CAROLDATA", "carol", "data", "reports");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ak_ui_test_destroy_toplevels ();
  g_clear_object (&f->provider);
  g_clear_object (&f->account);
  g_clear_object (&f->settings);
}

static AkKeyList *
key_list (Fixture *f)
{
  return AK_KEY_LIST (ak_ui_test_get_widget (f->window, "key_list"));
}

static AkKeyFilter *
key_filter (Fixture *f)
{
  return ak_key_list_get_filter (key_list (f));
}

static void
open_window (Fixture *f)
{
  f->window = ak_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  ak_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_wait_for (g_list_model_get_n_items (ak_window_get_keys (f->window)) == 5);
}

static AkKey *
window_key (Fixture    *f,
            const char *id)
{
  AkKey *key = ak_ui_test_find_window_key (f->window, id);

  g_assert_nonnull (key);
  return key;
}

/* The IDs the list shows, in order, space-separated. */
static char *
shown_ids (Fixture *f)
{
  GListModel *shown = ak_key_list_get_shown (key_list (f));
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (shown, i);

      if (ids->len > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, ak_key_get_id (key));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static gboolean
shows (Fixture    *f,
       const char *expected)
{
  g_autofree char *ids = shown_ids (f);

  return g_strcmp0 (ids, expected) == 0;
}

#define assert_shows(f, expected)                                              \
  G_STMT_START {                                                               \
    ak_ui_test_wait_for (shows ((f), (expected)));                             \
  } G_STMT_END

static const char *
count_text (Fixture *f)
{
  return ak_ui_test_label_text (key_list (f), "count_label");
}

/* The Status cell on screen for the key with @id, or NULL. */
static AkKeyStatusCell *
status_cell (Fixture    *f,
             const char *id)
{
  g_autoptr(GPtrArray) cells = ak_ui_test_find_all_by_type (GTK_WIDGET (key_list (f)),
                                                            AK_TYPE_KEY_STATUS_CELL);

  for (guint i = 0; i < cells->len; i++)
    {
      AkKeyStatusCell *cell = g_ptr_array_index (cells, i);
      AkKey *key = ak_key_status_cell_get_key (cell);

      if (key != NULL && g_str_equal (ak_key_get_id (key), id) &&
          gtk_widget_get_mapped (GTK_WIDGET (cell)))
        return cell;
    }

  return NULL;
}

static const char *
menu_item_label (GMenuModel *menu,
                 guint       section,
                 guint       item)
{
  static char *label;
  g_autoptr(GMenuModel) items = g_menu_model_get_item_link (menu, section, G_MENU_LINK_SECTION);

  g_clear_pointer (&label, g_free);
  g_menu_model_get_item_attribute (items, item, G_MENU_ATTRIBUTE_LABEL, "s", &label);

  return label;
}

static void
filter_action (Fixture    *f,
               const char *name,
               GVariant   *parameter)
{
  GtkWidget *button = ak_ui_test_get_widget (key_list (f), "search_filter_button");

  g_assert_true (gtk_widget_activate_action_variant (button, name, parameter));
}

static gboolean
status_column_visible (Fixture *f)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (ak_ui_test_get_widget (key_list (f), "column_view"));
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), "Status") == 0)
        return gtk_column_view_column_get_visible (column);
    }

  g_assert_not_reached ();
}

static void
test_status_column (Fixture       *f,
                    gconstpointer  data)
{
  AkKeyStatusCell *cell;
  g_autofree char *text = NULL;
  const char *tooltip;

  /* No key needs attention: no Status column taking room. */
  open_window (f);
  ak_ui_test_drain ();
  g_assert_false (status_column_visible (f));
  ak_key_set_flags (window_key (f, "AKIA03BOBWEB"),
                    AK_KEY_FLAGS_EXPIRED | AK_KEY_FLAGS_TOO_MANY);

  /* The most important flag, "+1" for the other, both sentences. */
  ak_ui_test_wait_for (status_column_visible (f));
  ak_ui_test_wait_for ((cell = status_cell (f, "AKIA03BOBWEB")) != NULL &&
                       g_str_equal (ak_key_status_cell_get_text (cell), "Expired"));
  text = ak_ui_test_collect_text (GTK_WIDGET (cell));
  g_assert_nonnull (strstr (text, "Expired"));
  g_assert_nonnull (strstr (text, "+1"));
  tooltip = _ak_cell_get_tooltip (GTK_WIDGET (cell));
  g_assert_nonnull (strstr (tooltip, ak_key_flag_get_sentence (AK_KEY_FLAGS_EXPIRED)));
  g_assert_nonnull (strstr (tooltip, ak_key_flag_get_sentence (AK_KEY_FLAGS_TOO_MANY)));

  /* A clean key: nothing, no tooltip. */
  ak_ui_test_wait_for ((cell = status_cell (f, "AKIA01ALICEWEB")) != NULL);
  g_assert_cmpstr (ak_key_status_cell_get_text (cell), ==, "");
  g_assert_null (_ak_cell_get_tooltip (GTK_WIDGET (cell)));

  /* Its flags change: the cell follows; cleared, it is empty again. */
  ak_key_set_flags (window_key (f, "AKIA01ALICEWEB"), AK_KEY_FLAGS_UNUSABLE);
  g_assert_cmpstr (ak_key_status_cell_get_text (cell), ==, "Unusable");
  ak_key_set_flags (window_key (f, "AKIA01ALICEWEB"), AK_KEY_FLAGS_NONE);
  g_assert_cmpstr (ak_key_status_cell_get_text (cell), ==, "");

  /* Sorted by severity: expired first, keys without flags last. */
  ak_key_set_flags (window_key (f, "AC04BOBWEB"), AK_KEY_FLAGS_EXPIRES_SOON);
  ak_key_list_sort_by (key_list (f), "status", FALSE);
  assert_shows (f, "AKIA03BOBWEB AC04BOBWEB AC02ALICEDATA AKIA01ALICEWEB AKIA05CAROLDATA");
}

static void
test_needs_attention (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *button;
  GMenuModel *menu;

  open_window (f);
  button = ak_ui_test_get_widget (key_list (f), "search_filter_button");
  ak_key_set_flags (window_key (f, "AKIA03BOBWEB"), AK_KEY_FLAGS_EXPIRED);
  ak_key_set_flags (window_key (f, "AC04BOBWEB"), AK_KEY_FLAGS_UNRESTRICTED);

  /* The menu counts them. */
  ak_ui_test_wait_for (ak_key_filter_get_n_needs_attention (key_filter (f)) == 2);
  menu = ak_key_filter_button_get_menu (AK_KEY_FILTER_BUTTON (button));
  g_assert_cmpstr (menu_item_label (menu, 0, 0), ==, "Needs _Attention (2)");
  g_assert_false (gtk_revealer_get_reveal_child (
                    GTK_REVEALER (ak_ui_test_get_widget (key_list (f), "filter_bar"))));

  /* Exactly the flagged keys, said below and above the list. */
  filter_action (f, "filter.needs-attention", NULL);
  assert_shows (f, "AC04BOBWEB AKIA03BOBWEB");
  g_assert_cmpstr (count_text (f), ==, "2 of 5 keys shown by the filters");
  ak_ui_test_wait_for (gtk_revealer_get_reveal_child (
                         GTK_REVEALER (ak_ui_test_get_widget (key_list (f), "filter_bar"))));
  g_assert_cmpstr (ak_ui_test_label_text (key_list (f), "filter_label"), ==,
                   "Filtered: Needs attention");
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_first_child (button),
                                           "filter-active"));

  /* A key flagged later joins them; one cleared leaves. */
  ak_key_set_flags (window_key (f, "AKIA05CAROLDATA"), AK_KEY_FLAGS_OWNER_DISABLED);
  assert_shows (f, "AC04BOBWEB AKIA03BOBWEB AKIA05CAROLDATA");
  ak_key_set_flags (window_key (f, "AC04BOBWEB"), AK_KEY_FLAGS_NONE);
  assert_shows (f, "AKIA03BOBWEB AKIA05CAROLDATA");
  ak_ui_test_wait_for (ak_key_filter_get_n_needs_attention (key_filter (f)) == 2);

  /* Clear Filters: every key again. */
  ak_ui_test_wait_for (gtk_widget_get_mapped (ak_ui_test_get_widget (key_list (f),
                                                                    "bar_clear_button")));
  ak_ui_test_click (ak_ui_test_get_widget (key_list (f), "bar_clear_button"));
  assert_shows (f, "AC02ALICEDATA AC04BOBWEB AKIA01ALICEWEB AKIA03BOBWEB AKIA05CAROLDATA");
  g_assert_cmpstr (count_text (f), ==, "5 keys");
  g_assert_false (g_settings_get_boolean (f->settings, "filter-needs-attention"));

  /* The open menu's count follows a key flagged meanwhile. */
  ak_key_list_set_search_mode_enabled (key_list (f), TRUE);
  ak_ui_test_wait_for (gtk_widget_get_mapped (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (gtk_widget_get_first_child (button)));
  ak_key_set_flags (window_key (f, "AKIA01ALICEWEB"), AK_KEY_FLAGS_EXPIRES_SOON);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (gtk_widget_get_first_child (button)));
  ak_ui_test_wait_for (g_strcmp0 (menu_item_label (menu, 0, 0), "Needs _Attention (3)") == 0);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (gtk_widget_get_first_child (button)));
}

static void
test_combined_with_search (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkWidget *button;
  GMenuModel *menu;
  g_autoptr(GMenuModel) fields = NULL;
  g_autoptr(GMenuModel) owners = NULL;
  g_autoptr(GMenuModel) owner_items = NULL;

  open_window (f);
  button = ak_ui_test_get_widget (key_list (f), "search_filter_button");

  /* The owners in the menu are those of the keys present, by name. */
  menu = ak_key_filter_button_get_menu (AK_KEY_FILTER_BUTTON (button));
  fields = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
  owners = g_menu_model_get_item_link (fields, 1, G_MENU_LINK_SUBMENU);
  owner_items = g_menu_model_get_item_link (owners, 1, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (owner_items), ==, 3);
  {
    g_autofree char *label = NULL;

    g_menu_model_get_item_attribute (owner_items, 1, G_MENU_ATTRIBUTE_LABEL, "s", &label);
    g_assert_cmpstr (label, ==, "bob");
  }

  /* Type, then owner, then project, narrowing each time. */
  filter_action (f, "filter.kind", g_variant_new_string ("ec2"));
  assert_shows (f, "AKIA01ALICEWEB AKIA03BOBWEB AKIA05CAROLDATA");
  filter_action (f, "filter.project", g_variant_new_string ("pid-web"));
  assert_shows (f, "AKIA01ALICEWEB AKIA03BOBWEB");
  filter_action (f, "filter.kind", g_variant_new_string ("all"));
  assert_shows (f, "AC04BOBWEB AKIA01ALICEWEB AKIA03BOBWEB");
  filter_action (f, "filter.owner", g_variant_new_string ("uid-bob"));
  assert_shows (f, "AC04BOBWEB AKIA03BOBWEB");
  g_assert_cmpstr (ak_ui_test_label_text (key_list (f), "filter_label"), ==,
                   "Filtered: Owner bob · Project web");

  /* And with the search text. */
  ak_key_list_set_search_text (key_list (f), "deploy");
  assert_shows (f, "AKIA03BOBWEB");
  g_assert_cmpstr (count_text (f), ==, "1 of 5 keys shown by the filters");

  /* Nothing left: the page says the filters hide them, and clears them. */
  filter_action (f, "filter.kind", g_variant_new_string ("application-credential"));
  assert_shows (f, "");
  ak_ui_test_wait_for (ak_ui_test_is_shown (key_list (f), "no_results_page"));
  text = ak_ui_test_collect_text (ak_ui_test_get_widget (key_list (f), "no_results_page"));
  g_assert_nonnull (strstr (text, "No Keys Match the Filters"));
  ak_ui_test_wait_for (gtk_widget_get_mapped (ak_ui_test_get_widget (key_list (f),
                                                                    "clear_filters_button")));
  ak_ui_test_click (ak_ui_test_get_widget (key_list (f), "clear_filters_button"));

  /* The search stays: every owner's "deploy" keys. */
  assert_shows (f, "AKIA01ALICEWEB AKIA03BOBWEB");
  g_assert_cmpstr (ak_key_list_get_search_text (key_list (f)), ==, "deploy");
  g_assert_false (ak_key_filter_get_active (key_filter (f)));
}

static void
test_remembered (Fixture       *f,
                 gconstpointer  data)
{
  open_window (f);
  ak_key_set_flags (window_key (f, "AC02ALICEDATA"), AK_KEY_FLAGS_EXPIRES_SOON);
  filter_action (f, "filter.needs-attention", NULL);
  filter_action (f, "filter.owner", g_variant_new_string ("uid-alice"));
  assert_shows (f, "AC02ALICEDATA");

  g_assert_true (g_settings_get_boolean (f->settings, "filter-needs-attention"));
  {
    g_autofree char *owner = g_settings_get_string (f->settings, "filter-owner");

    g_assert_cmpstr (owner, ==, "uid-alice");
  }

  /* A new window starts with them, before any key has a flag. */
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  ak_ui_test_wait_for (f->window == NULL);
  open_window (f);
  g_assert_true (ak_key_filter_get_needs_attention (key_filter (f)));
  g_assert_cmpstr (ak_key_filter_get_owner (key_filter (f)), ==, "uid-alice");
  assert_shows (f, "");
  ak_ui_test_wait_for (gtk_revealer_get_reveal_child (
                         GTK_REVEALER (ak_ui_test_get_widget (key_list (f), "filter_bar"))));
  g_assert_cmpstr (ak_ui_test_label_text (key_list (f), "filter_label"), ==,
                   "Filtered: Needs attention · Owner alice");
  ak_key_set_flags (window_key (f, "AKIA01ALICEWEB"), AK_KEY_FLAGS_EXPIRED);
  assert_shows (f, "AKIA01ALICEWEB");
}

static void
test_export_shown (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 12, 3, 9, 0, 0);
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) rows = NULL;
  guint n;

  /* A name that says whose keys and when, safe as a file name. */
  name = ak_key_export_default_name ("Test Cloud / prod", when);
  g_assert_cmpstr (name, ==, "access-keys-Test-Cloud-prod-2026-12-03.csv");
  g_clear_pointer (&name, g_free);
  name = ak_key_export_default_name (NULL, when);
  g_assert_cmpstr (name, ==, "access-keys-2026-12-03.csv");

  /* Export Keys… is there once keys are. */
  open_window (f);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "export"));

  /* What the list shows, after filters and search, in its order. */
  ak_key_set_flags (window_key (f, "AKIA03BOBWEB"), AK_KEY_FLAGS_EXPIRED);
  filter_action (f, "filter.project", g_variant_new_string ("pid-web"));
  ak_key_list_set_search_text (key_list (f), "deploy");
  assert_shows (f, "AKIA01ALICEWEB AKIA03BOBWEB");

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  file = g_file_new_build_filename (g_get_user_data_dir (), "keys.csv", NULL);
  ak_key_export_write_async (file, ak_key_list_get_shown (key_list (f)), NULL,
                             ak_ui_test_store_result_cb, &result);
  ak_ui_test_wait_for (result != NULL);
  n = ak_key_export_write_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, &error));
  g_assert_no_error (error);
  rows = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 4);
  g_assert_cmpstr (rows[0], ==, "ID,Kind,Name,Owner,Project,Expires,Flags");
  g_assert_cmpstr (rows[1], ==, "AKIA01ALICEWEB,ec2,deploy,alice,web,,");
  g_assert_cmpstr (rows[2], ==, "AKIA03BOBWEB,ec2,old deploy,bob,web,,expired");
}

int
main (int   argc,
      char *argv[])
{
  ak_ui_test_init (&argc, &argv);

  app = ak_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/filters/status-column", test_status_column);
  ADD ("/filters/needs-attention", test_needs_attention);
  ADD ("/filters/combined-with-search", test_combined_with_search);
  ADD ("/filters/remembered", test_remembered);
  ADD ("/filters/export-shown", test_export_shown);

  return g_test_run ();
}
