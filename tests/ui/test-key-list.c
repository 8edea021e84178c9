/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-key-list"

#include "config.h"

#include <string.h>

#include "ak-key-filter-button.h"
#include "ak-key-list.h"
#include "ak-key-row-actions.h"
#include "ak-ui-test.h"
#include "ak-ui-util-private.h"

/* The key list on its own, in a plain window: the rows a person sees, their
 * order after sorting by each column, searching, and the count below; and
 * that keyboard, pointer and menus act on the same row. */

typedef struct
{
  GtkWindow          *window;
  AkKeyList          *list;
  GListStore         *store;
  /* The window's "win.delete-key", which records what it was asked */
  GSimpleActionGroup *actions;
  char               *delete_asked;
  guint               n_delete_asked;
} Fixture;

static void
delete_key_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  Fixture *f = user_data;
  guint32 kind;
  const char *id;

  g_variant_get (parameter, "(u&s)", &kind, &id);
  g_free (f->delete_asked);
  f->delete_asked = g_strdup_printf ("%u:%s", kind, id);
  f->n_delete_asked++;
}

static AkKey *
make_key (AkKeyKind   kind,
          const char *id,
          const char *owner,
          const char *project,
          const char *name,
          const char *description,
          int         expiry_year)
{
  AkKey *key = ak_key_new (kind, id);

  ak_key_set_user_id (key, owner != NULL ? "some-user-id" : NULL);
  ak_key_set_user_name (key, owner);
  ak_key_set_project_name (key, project);
  ak_key_set_name (key, name);
  ak_key_set_description (key, description);
  if (expiry_year > 0)
    {
      g_autoptr(GDateTime) expires = g_date_time_new_utc (expiry_year, 6, 15, 12, 0, 0);

      ak_key_set_expires_at (key, expires);
    }

  return key;
}

static void
add_sample_keys (GListStore *store)
{
  g_autoptr(AkKey) charlie = make_key (AK_KEY_KIND_EC2, "AKIA0003CHARLIE", "carol", "Web",
                                       "Deploy bot", NULL, 2030);
  g_autoptr(AkKey) alpha = make_key (AK_KEY_KIND_APPLICATION_CREDENTIAL, "AKIA0001ALPHA",
                                     "alice", "data", "nightly backup", "Runs at 2 am", 0);
  g_autoptr(AkKey) echo = make_key (AK_KEY_KIND_EC2, "AKIA0005ECHO", "Bob", "Analytics",
                                    NULL, NULL, 2027);
  g_autoptr(AkKey) bravo = make_key (AK_KEY_KIND_EC2, "AKIA0002BRAVO", "dave", "website",
                                     "Zeta", NULL, 0);
  g_autoptr(AkKey) delta = make_key (AK_KEY_KIND_APPLICATION_CREDENTIAL, "AKIA0004DELTA",
                                     "erin", "billing", "alpha tools", NULL, 2029);

  g_list_store_append (store, charlie);
  g_list_store_append (store, alpha);
  g_list_store_append (store, echo);
  g_list_store_append (store, bravo);
  g_list_store_append (store, delta);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static const GActionEntry entries[] = {
    { "delete-key", delete_key_cb, "(us)" },
  };
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->store = g_list_store_new (AK_TYPE_KEY);
  if (data == NULL)
    add_sample_keys (f->store);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 600);
  f->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (f->actions), entries, G_N_ELEMENTS (entries), f);
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (f->actions));
  f->list = AK_KEY_LIST (ak_key_list_new ());
  ak_key_list_set_model (f->list, G_LIST_MODEL (f->store));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->list));
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
  ak_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (f->list)));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ak_ui_test_destroy_toplevels ();
  g_clear_object (&f->store);
  g_clear_object (&f->actions);
  g_clear_pointer (&f->delete_asked, g_free);
}

static GtkColumnView *
column_view (Fixture *f)
{
  return GTK_COLUMN_VIEW (ak_ui_test_find_by_type (GTK_WIDGET (f->list),
                                                   GTK_TYPE_COLUMN_VIEW));
}

static GtkColumnViewColumn *
column_titled (Fixture    *f,
               const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (column_view (f));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  g_assert_not_reached ();
}

typedef struct
{
  GtkWidget *widget;
  double     y;
} Row;

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *ra = a;
  const Row *rb = b;

  return ra->y < rb->y ? -1 : ra->y > rb->y ? 1 : 0;
}

/* The IDs as a person reads them: the ID cells inside the visible part of
 * the list, top to bottom, joined with spaces. */
static char *
shown_ids (Fixture *f)
{
  /* The rows' own view, below the column titles. */
  GtkWidget *rows_view = ak_ui_test_find_by_type (GTK_WIDGET (column_view (f)),
                                                  GTK_TYPE_LIST_VIEW);
  g_autoptr(GPtrArray) labels = ak_ui_test_find_all_by_type (rows_view, GTK_TYPE_LABEL);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      graphene_point_t point;
      Row row;

      if (!gtk_widget_has_css_class (label, "monospace") || !gtk_widget_get_mapped (label) ||
          !gtk_widget_compute_point (label, rows_view, &GRAPHENE_POINT_INIT (0, 0), &point) ||
          point.y < 0 || point.y >= gtk_widget_get_height (rows_view))
        continue;

      row.widget = label;
      row.y = point.y;
      g_array_append_val (rows, row);
    }

  g_array_sort (rows, compare_rows);
  for (guint i = 0; i < rows->len; i++)
    g_strv_builder_add (ids, gtk_label_get_text (GTK_LABEL (g_array_index (rows, Row, i).widget)));

  strv = g_strv_builder_end (ids);

  return g_strjoinv (" ", strv);
}

static gboolean
shows_ids (Fixture    *f,
           const char *expected)
{
  g_autofree char *ids = shown_ids (f);

  return g_strcmp0 (ids, expected) == 0;
}

/* Waits for the rows on screen to be @expected, or fails saying what they
 * were. */
static void
assert_shown_ids (Fixture    *f,
                  const char *expected)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) AK_UI_TEST_TIMEOUT_MS * 1000;
  guint tick = g_timeout_add (5, ak_ui_test_tick_cb, NULL);
  g_autofree char *ids = NULL;

  while (!shows_ids (f, expected) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  ids = shown_ids (f);
  g_assert_cmpstr (ids, ==, expected);
}

static gboolean
shown_ids_start_with (Fixture    *f,
                      const char *prefix)
{
  g_autofree char *ids = shown_ids (f);

  return g_str_has_prefix (ids, prefix);
}

static const char *
count_text (Fixture *f)
{
  GtkWidget *label = ak_ui_test_find_by_id (GTK_WIDGET (f->list), "count_label");

  g_assert_nonnull (label);

  return gtk_label_get_text (GTK_LABEL (label));
}

static void
sort_by (Fixture     *f,
         const char  *title,
         GtkSortType  direction)
{
  GtkColumnView *view = column_view (f);

  /* Start from the ID order, so ties fall back to it. */
  gtk_column_view_sort_by_column (view, column_titled (f, "ID"), GTK_SORT_ASCENDING);
  gtk_column_view_sort_by_column (view, column_titled (f, title), direction);
}

static void
test_rows_match_model (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) actions = NULL;

  /* Listed by ID until the person picks another column. */
  assert_shown_ids (f, "AKIA0001ALPHA AKIA0002BRAVO AKIA0003CHARLIE AKIA0004DELTA AKIA0005ECHO");
  g_assert_cmpstr (count_text (f), ==, "5 keys");

  /* Every row has its menu cell, owning that row's key: a neutral button,
   * red being kept for the final confirmation. */
  actions = ak_ui_test_find_all_by_type (GTK_WIDGET (column_view (f)), AK_TYPE_KEY_ROW_ACTIONS);
  g_assert_cmpuint (actions->len, ==, 5);
  for (guint i = 0; i < actions->len; i++)
    {
      AkKeyRowActions *cell = g_ptr_array_index (actions, i);
      GtkWidget *button = ak_ui_test_find_by_type (GTK_WIDGET (cell), GTK_TYPE_MENU_BUTTON);

      g_assert_nonnull (ak_key_row_actions_get_key (cell));
      g_assert_cmpstr (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (button)), ==,
                       "view-more-symbolic");
      g_assert_true (g_str_has_prefix (_ak_cell_get_tooltip (button), "Actions for "));
      g_assert_false (gtk_widget_has_css_class (button, "destructive-action"));
      g_assert_true (gtk_widget_is_sensitive (button));
    }

  /* A model change shows at once. */
  g_list_store_remove (f->store, 0);
  assert_shown_ids (f, "AKIA0001ALPHA AKIA0002BRAVO AKIA0004DELTA AKIA0005ECHO");
  g_assert_cmpstr (count_text (f), ==, "4 keys");
}

static void
test_cells (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *text = NULL;

  assert_shown_ids (f, "AKIA0001ALPHA AKIA0002BRAVO AKIA0003CHARLIE AKIA0004DELTA AKIA0005ECHO");

  text = ak_ui_test_collect_text (GTK_WIDGET (column_view (f)));

  /* Column titles, then what each kind of cell says. */
  g_assert_nonnull (column_titled (f, "ID"));
  g_assert_nonnull (strstr (text, "Owner"));
  g_assert_nonnull (strstr (text, "Application credential"));
  g_assert_nonnull (strstr (text, "Access key"));
  g_assert_nonnull (strstr (text, "nightly backup\nRuns at 2 am"));
  /* 2030-06-15 12:00 UTC, with its four-digit year and a month in words. */
  g_assert_nonnull (strstr (text, "Jun 15, 2030"));
  g_assert_nonnull (strstr (text, "Never"));

  /* Providers whose keys never expire get no Expires column. */
  g_assert_true (gtk_column_view_column_get_visible (column_titled (f, "Expires")));
  ak_key_list_set_show_expiry (f->list, FALSE);
  g_assert_false (gtk_column_view_column_get_visible (column_titled (f, "Expires")));
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  sort_by (f, "ID", GTK_SORT_DESCENDING);
  assert_shown_ids (f, "AKIA0005ECHO AKIA0004DELTA AKIA0003CHARLIE AKIA0002BRAVO AKIA0001ALPHA");

  sort_by (f, "Type", GTK_SORT_ASCENDING);
  assert_shown_ids (f, "AKIA0002BRAVO AKIA0003CHARLIE AKIA0005ECHO AKIA0001ALPHA AKIA0004DELTA");

  /* Case does not matter: alice, Bob, carol, dave, erin. */
  sort_by (f, "Owner", GTK_SORT_ASCENDING);
  assert_shown_ids (f, "AKIA0001ALPHA AKIA0005ECHO AKIA0003CHARLIE AKIA0002BRAVO AKIA0004DELTA");
  sort_by (f, "Owner", GTK_SORT_DESCENDING);
  assert_shown_ids (f, "AKIA0004DELTA AKIA0002BRAVO AKIA0003CHARLIE AKIA0005ECHO AKIA0001ALPHA");

  /* Analytics, billing, data, Web, website. */
  sort_by (f, "Project", GTK_SORT_ASCENDING);
  assert_shown_ids (f, "AKIA0005ECHO AKIA0004DELTA AKIA0001ALPHA AKIA0003CHARLIE AKIA0002BRAVO");

  /* alpha tools, Deploy bot, nightly backup, Zeta; the key without a name
   * goes to one end. */
  sort_by (f, "Name / Description", GTK_SORT_ASCENDING);
  assert_shown_ids (f, "AKIA0005ECHO AKIA0004DELTA AKIA0003CHARLIE AKIA0001ALPHA AKIA0002BRAVO");

  /* By date, and keys that never expire last. */
  sort_by (f, "Expires", GTK_SORT_ASCENDING);
  assert_shown_ids (f, "AKIA0005ECHO AKIA0004DELTA AKIA0003CHARLIE AKIA0001ALPHA AKIA0002BRAVO");
}

static void
search_for (Fixture    *f,
            const char *text)
{
  GtkWidget *entry = ak_ui_test_find_by_type (GTK_WIDGET (f->list), GTK_TYPE_SEARCH_ENTRY);

  /* Typed into the entry; the list follows after the entry's short delay. */
  ak_key_list_set_search_mode_enabled (f->list, TRUE);
  ak_ui_test_wait_for (gtk_widget_get_mapped (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *list_stack = ak_ui_test_find_by_id (GTK_WIDGET (f->list), "list_stack");

  /* By owner, whatever the case. */
  search_for (f, "BOB");
  ak_ui_test_wait_for (g_strcmp0 (count_text (f), "1 of 5 keys") == 0);
  assert_shown_ids (f, "AKIA0005ECHO");

  /* By ID, part of it. */
  search_for (f, "0004");
  ak_ui_test_wait_for (g_strcmp0 (count_text (f), "1 of 5 keys") == 0);
  assert_shown_ids (f, "AKIA0004DELTA");

  /* By ID and by name at once: ALPHA's ID, DELTA's name "alpha tools". */
  search_for (f, "alpha");
  ak_ui_test_wait_for (g_strcmp0 (count_text (f), "2 of 5 keys") == 0);
  assert_shown_ids (f, "AKIA0001ALPHA AKIA0004DELTA");

  /* By project: Web and website. */
  search_for (f, "web");
  ak_ui_test_wait_for (g_strcmp0 (count_text (f), "2 of 5 keys") == 0);
  assert_shown_ids (f, "AKIA0002BRAVO AKIA0003CHARLIE");

  /* By name. */
  search_for (f, "Nightly");
  ak_ui_test_wait_for (g_strcmp0 (count_text (f), "1 of 5 keys") == 0);
  assert_shown_ids (f, "AKIA0001ALPHA");

  /* Nothing matches: a page that says so, not an empty table. */
  search_for (f, "no such key anywhere");
  ak_ui_test_wait_for (g_strcmp0 (count_text (f), "0 of 5 keys") == 0);
  ak_ui_test_wait_for (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (list_stack)),
                                  "no-results") == 0);

  /* Closing the search shows every key again. */
  ak_key_list_set_search_mode_enabled (f->list, FALSE);
  ak_ui_test_wait_for (g_strcmp0 (count_text (f), "5 keys") == 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (list_stack)), ==, "list");
  assert_shown_ids (f, "AKIA0001ALPHA AKIA0002BRAVO AKIA0003CHARLIE AKIA0004DELTA AKIA0005ECHO");
}

static void
test_count (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(AkKey) key = make_key (AK_KEY_KIND_EC2, "AKIAONLY", "zoe", "p", NULL, NULL, 0);
  g_autoptr(AkKey) other = make_key (AK_KEY_KIND_EC2, "AKIAOTHER", "zoe", "p", NULL, NULL, 0);

  g_assert_cmpstr (count_text (f), ==, "0 keys");
  g_list_store_append (f->store, key);
  g_assert_cmpstr (count_text (f), ==, "1 key");
  g_list_store_append (f->store, other);
  g_assert_cmpstr (count_text (f), ==, "2 keys");
  ak_key_list_set_search_text (f->list, "only");
  g_assert_cmpstr (count_text (f), ==, "1 of 2 keys");
}

static void
test_deleting_row (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) cells = NULL;
  AkKeyRowActions *cell = NULL;
  GtkWidget *button;
  GtkWidget *spinner;
  AkKey *key;

  assert_shown_ids (f, "AKIA0001ALPHA AKIA0002BRAVO AKIA0003CHARLIE AKIA0004DELTA AKIA0005ECHO");
  cells = ak_ui_test_find_all_by_type (GTK_WIDGET (column_view (f)), AK_TYPE_KEY_ROW_ACTIONS);
  for (guint i = 0; i < cells->len; i++)
    {
      AkKeyRowActions *candidate = g_ptr_array_index (cells, i);

      if (g_strcmp0 (ak_key_get_id (ak_key_row_actions_get_key (candidate)),
                     "AKIA0003CHARLIE") == 0)
        cell = candidate;
    }
  g_assert_nonnull (cell);
  key = ak_key_row_actions_get_key (cell);
  ak_key_row_actions_popup_menu (cell, NULL);
  ak_ui_test_wait_for (ak_ui_test_find_menu_item (GTK_WIDGET (cell), "Delete…") != NULL);
  button = ak_ui_test_find_menu_item (GTK_WIDGET (cell), "Delete…");
  /* The cell makes its spinner the first time its key is being deleted. */
  spinner = ak_ui_test_find_by_type (GTK_WIDGET (cell), GTK_TYPE_SPINNER);

  g_assert_true (spinner == NULL || !gtk_widget_get_visible (spinner));
  g_assert_true (gtk_widget_is_sensitive (button));

  /* While its delete runs, the row says so and cannot be asked again; its
   * ID can still be copied. */
  ak_key_set_deleting (key, TRUE);
  spinner = ak_ui_test_find_by_type (GTK_WIDGET (cell), GTK_TYPE_SPINNER);
  g_assert_nonnull (spinner);
  g_assert_true (gtk_widget_get_visible (spinner));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  ak_ui_test_wait_for (!gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_is_sensitive (ak_ui_test_find_menu_item (GTK_WIDGET (cell),
                                                                     "Copy ID")));

  ak_key_set_deleting (key, FALSE);
  g_assert_false (gtk_widget_get_visible (spinner));
  ak_ui_test_wait_for (gtk_widget_is_sensitive (button));
}

static void
test_many_keys (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *top_id = NULL;
  guint top = G_MAXUINT;

  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *id = g_strdup_printf ("AKIA%08u", (i * 7919) % 5000);
      g_autofree char *owner = g_strdup_printf ("user%04u", i % 313);
      g_autofree char *name = g_strdup_printf ("Key number %u", i);

      g_ptr_array_add (keys, make_key (AK_KEY_KIND_EC2, id, owner, "project", name, NULL,
                                       i % 3 == 0 ? 2030 : 0));

      /* Sorted by owner, last first, then by ID: user0312's lowest ID. */
      if (i % 313 == 312)
        top = MIN (top, (i * 7919) % 5000);
    }
  top_id = g_strdup_printf ("AKIA%08u ", top);

  g_list_store_splice (f->store, 0, 0, keys->pdata, keys->len);
  ak_ui_test_wait_for (shown_ids_start_with (f, "AKIA00000000 AKIA00000001 "));
  g_assert_cmpstr (count_text (f), ==, "5000 keys");

  /* A new order shows its top, not the rows that happened to be in sight. */
  sort_by (f, "Owner", GTK_SORT_DESCENDING);
  ak_ui_test_wait_for (shown_ids_start_with (f, top_id));

  ak_key_list_set_search_text (f->list, "user0007");
  g_assert_cmpstr (count_text (f), ==, "16 of 5000 keys");
}

/* Keys arriving in an empty list: the first frame has a screenful of rows,
 * the first of all the keys in the list's order, and the rest come through
 * the frames after it. Whatever goes by a key's place sees every row. */
static void
test_first_screenful (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (column_view (f)));
  g_autoptr(AkKey) first = NULL;
  AkKey *last = NULL;
  guint held;

  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *id = g_strdup_printf ("AKIA%08u", (i * 7919) % 5000);

      g_ptr_array_add (keys, make_key (AK_KEY_KIND_EC2, id, "alice", "web", NULL, NULL, 0));
      if ((i * 7919) % 5000 == 4999)
        last = g_ptr_array_index (keys, i);
    }

  g_list_store_splice (f->store, 0, 0, keys->pdata, keys->len);
  held = g_list_model_get_n_items (rows);
  /* The window is 600 pixels high: a row is at least 34. */
  g_assert_cmpuint (held, >=, 600 / 38);
  g_assert_cmpuint (held, <, 40);
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (ak_key_get_id (first), ==, "AKIA00000000");
  g_assert_cmpstr (count_text (f), ==, "5000 keys");

  ak_ui_test_wait_for (g_list_model_get_n_items (rows) == 5000);
  ak_ui_test_wait_for (shown_ids_start_with (f, "AKIA00000000 AKIA00000001 "));

  /* Again, and the last key is asked for before any frame. */
  g_list_store_remove_all (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_list_store_splice (f->store, 0, 0, keys->pdata, keys->len);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, held);
  g_assert_true (ak_key_list_reveal_key (f->list, last));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 5000);
  g_assert_true (ak_key_list_get_selected_key (f->list) == last);
  ak_ui_test_wait_for (shown_ids_start_with (f, "") &&
                       strstr (shown_ids (f), "AKIA00004999") != NULL);
}

/* One target ------------------------------------------------------------- */

/* The row showing the key with @id, on screen. */
static GtkWidget *
row_of (Fixture    *f,
        const char *id)
{
  GtkWidget *rows_view = ak_ui_test_find_by_type (GTK_WIDGET (column_view (f)),
                                                  GTK_TYPE_LIST_VIEW);
  g_autoptr(GPtrArray) cells = ak_ui_test_find_all_by_type (rows_view, AK_TYPE_KEY_ROW_ACTIONS);

  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (cells, i);
      AkKey *key = ak_key_row_actions_get_key (AK_KEY_ROW_ACTIONS (cell));

      if (key == NULL || g_strcmp0 (ak_key_get_id (key), id) != 0 ||
          !gtk_widget_get_mapped (cell))
        continue;

      while (gtk_widget_get_parent (cell) != rows_view)
        cell = gtk_widget_get_parent (cell);

      return cell;
    }

  return NULL;
}

static AkKeyRowActions *
cell_of (Fixture    *f,
         const char *id)
{
  GtkWidget *row;

  ak_ui_test_wait_for (row_of (f, id) != NULL);
  row = row_of (f, id);

  return AK_KEY_ROW_ACTIONS (ak_ui_test_find_by_type (row, AK_TYPE_KEY_ROW_ACTIONS));
}

/* The ID label of the key's row, as a person sees it. */
static GtkWidget *
id_label_of (Fixture    *f,
             const char *id)
{
  g_autoptr(GPtrArray) labels = NULL;

  ak_ui_test_wait_for (row_of (f, id) != NULL);
  labels = ak_ui_test_find_all_by_type (row_of (f, id), GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "monospace"))
      return g_ptr_array_index (labels, i);

  g_assert_not_reached ();
}

/* The ID of the key whose row has the focus, or NULL. The focus left in
 * a closed menu of the row is not on the row: a key pressed then would go
 * to the menu. */
static const char *
focused_id (Fixture *f)
{
  GtkWidget *rows_view = ak_ui_test_find_by_type (GTK_WIDGET (column_view (f)),
                                                  GTK_TYPE_LIST_VIEW);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  GtkWidget *cell;

  if (focus != NULL && !gtk_widget_get_mapped (focus))
    return NULL;

  while (focus != NULL && gtk_widget_get_parent (focus) != rows_view)
    focus = gtk_widget_get_parent (focus);
  if (focus == NULL)
    return NULL;

  cell = ak_ui_test_find_by_type (focus, AK_TYPE_KEY_ROW_ACTIONS);

  return ak_key_get_id (ak_key_row_actions_get_key (AK_KEY_ROW_ACTIONS (cell)));
}

static const char *
selected_id (Fixture *f)
{
  AkKey *key = ak_key_list_get_selected_key (f->list);

  return key != NULL ? ak_key_get_id (key) : NULL;
}

/* The focus is on the key's row, and the row is the selected one. */
static void
assert_target (Fixture    *f,
               const char *id)
{
  ak_ui_test_wait_for (g_strcmp0 (focused_id (f), id) == 0);
  ak_ui_test_wait_for (g_strcmp0 (selected_id (f), id) == 0);
  ak_ui_test_wait_for (gtk_widget_get_state_flags (row_of (f, id)) & GTK_STATE_FLAG_SELECTED);
}

static gboolean
is_trigger_for (GtkShortcutTrigger *trigger,
                guint               keyval)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return is_trigger_for (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)),
                           keyval) ||
           is_trigger_for (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)),
                           keyval);

  return GTK_IS_KEYVAL_TRIGGER (trigger) &&
         gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
         gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0;
}

/* A press of @keyval, without modifiers, where GTK would take it: from the
 * focus up to the window, by the first shortcut for it that acts. Arrows
 * in a row go to the list's own key bindings, as when a person presses
 * them; elsewhere the window moves the focus. */
static gboolean
press_key (Fixture *f,
           guint    keyval)
{
  GtkWidget *widget = gtk_root_get_focus (GTK_ROOT (f->window));

  for (widget = widget != NULL ? widget : GTK_WIDGET (f->window);
       widget != NULL;
       widget = gtk_widget_get_parent (widget))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;

          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut =
                g_list_model_get_item (G_LIST_MODEL (controller), j);

              if (is_trigger_for (gtk_shortcut_get_trigger (shortcut), keyval) &&
                  gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                gtk_shortcut_get_arguments (shortcut)))
                return TRUE;
            }
        }
    }

  return FALSE;
}

/* A click of @button at the middle of @widget, as the list's own gestures
 * see it. */
static void
click_on (Fixture    *f,
          GtkWidget  *widget,
          guint       button)
{
  GtkWidget *view = GTK_WIDGET (column_view (f));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
  graphene_point_t point;
  float x = gtk_widget_get_width (widget) / 2.0f;
  float y = gtk_widget_get_height (widget) / 2.0f;

  g_assert_true (gtk_widget_compute_point (widget, view, &GRAPHENE_POINT_INIT (x, y), &point));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == button)
        g_signal_emit_by_name (controller, "pressed", 1, (double) point.x, (double) point.y);
    }
}

static GtkPopover *
open_menu (AkKeyRowActions *cell)
{
  ak_ui_test_wait_for (ak_key_row_actions_get_menu (cell) != NULL &&
                       gtk_widget_get_mapped (GTK_WIDGET (ak_key_row_actions_get_menu (cell))));

  return ak_key_row_actions_get_menu (cell);
}

static gboolean
focus_in (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Chooses @label in @cell's open menu, which then closes. */
static void
choose (AkKeyRowActions *cell,
        const char      *label)
{
  GtkPopover *menu = open_menu (cell);
  GtkWidget *item = ak_ui_test_find_menu_item (GTK_WIDGET (menu), label);

  ak_ui_test_click (item);
  ak_ui_test_wait_for (!gtk_widget_get_visible (GTK_WIDGET (menu)));
  /* GTK takes the focus out of the menu once it is off the screen, before
   * a person could press the next key. */
  ak_ui_test_wait_for (!focus_in (GTK_WIDGET (menu)));
}

#define ALPHA "1:AKIA0001ALPHA"   /* an application credential */
#define BRAVO "0:AKIA0002BRAVO"

static void
test_delete_acts_on_focused_row (Fixture       *f,
                                 gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (column_view (f));

  assert_shown_ids (f, "AKIA0001ALPHA AKIA0002BRAVO AKIA0003CHARLIE AKIA0004DELTA AKIA0005ECHO");

  /* The ID can no longer be selected, so a click on it is a click on its
   * row, and GTK's text menu is gone. */
  g_assert_false (gtk_label_get_selectable (GTK_LABEL (id_label_of (f, "AKIA0004DELTA"))));
  g_assert_false (gtk_widget_get_focusable (id_label_of (f, "AKIA0004DELTA")));

  /* Ctrl+F, Down, Down: the second row is selected. */
  ak_key_list_focus_search (f->list);
  g_assert_true (press_key (f, GDK_KEY_Down));
  assert_target (f, "AKIA0001ALPHA");
  g_assert_true (press_key (f, GDK_KEY_Down));
  assert_target (f, "AKIA0002BRAVO");

  /* A click on the fourth row's ID: that row is the one Delete acts on. */
  click_on (f, id_label_of (f, "AKIA0004DELTA"), GDK_BUTTON_PRIMARY);
  assert_target (f, "AKIA0004DELTA");
  g_assert_true (ak_ui_test_press_shortcut (view, "Delete"));
  g_assert_cmpstr (f->delete_asked, ==, "1:AKIA0004DELTA");

  /* A click on one row, then on another's menu button. */
  click_on (f, id_label_of (f, "AKIA0003CHARLIE"), GDK_BUTTON_PRIMARY);
  assert_target (f, "AKIA0003CHARLIE");
  click_on (f, GTK_WIDGET (ak_ui_test_find_by_type (GTK_WIDGET (cell_of (f, "AKIA0005ECHO")),
                                                    GTK_TYPE_MENU_BUTTON)),
            GDK_BUTTON_PRIMARY);
  assert_target (f, "AKIA0005ECHO");
  g_assert_true (ak_ui_test_press_shortcut (view, "KP_Delete"));
  g_assert_cmpstr (f->delete_asked, ==, "0:AKIA0005ECHO");

  /* Arrows after a click go on from the clicked row. */
  g_assert_true (press_key (f, GDK_KEY_Up));
  assert_target (f, "AKIA0004DELTA");
  g_assert_true (ak_ui_test_press_shortcut (view, "Delete"));
  g_assert_cmpstr (f->delete_asked, ==, "1:AKIA0004DELTA");

  /* By identity: after a re-sort the same key, wherever its row went. */
  sort_by (f, "ID", GTK_SORT_DESCENDING);
  assert_shown_ids (f, "AKIA0005ECHO AKIA0004DELTA AKIA0003CHARLIE AKIA0002BRAVO AKIA0001ALPHA");
  ak_ui_test_wait_for (g_strcmp0 (focused_id (f), "AKIA0004DELTA") == 0);
  g_assert_true (ak_ui_test_press_shortcut (view, "Delete"));
  g_assert_cmpstr (f->delete_asked, ==, "1:AKIA0004DELTA");
  g_assert_cmpuint (f->n_delete_asked, ==, 4);
}

static void
test_context_menu_acts_on_focused_row (Fixture       *f,
                                       gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (column_view (f));
  graphene_point_t label_origin;
  AkKeyRowActions *cell;
  GdkRectangle rect;

  assert_shown_ids (f, "AKIA0001ALPHA AKIA0002BRAVO AKIA0003CHARLIE AKIA0004DELTA AKIA0005ECHO");

  /* The Menu key on the focused row: its menu, and its Delete… */
  click_on (f, id_label_of (f, "AKIA0002BRAVO"), GDK_BUTTON_PRIMARY);
  g_assert_true (press_key (f, GDK_KEY_Down));
  assert_target (f, "AKIA0003CHARLIE");
  g_assert_true (ak_ui_test_press_shortcut (view, "Menu"));
  cell = cell_of (f, "AKIA0003CHARLIE");
  choose (cell, "Delete…");
  g_assert_cmpstr (f->delete_asked, ==, "0:AKIA0003CHARLIE");
  /* The focus is back on the row the menu was for. */
  assert_target (f, "AKIA0003CHARLIE");

  /* Shift+F10 likewise. */
  g_assert_true (press_key (f, GDK_KEY_Up));
  assert_target (f, "AKIA0002BRAVO");
  g_assert_true (ak_ui_test_press_shortcut (view, "F10"));
  choose (cell_of (f, "AKIA0002BRAVO"), "Delete…");
  g_assert_cmpstr (f->delete_asked, ==, BRAVO);

  /* A right-click on another row's ID text: that row's menu, there, and
   * that row becomes the one the keyboard acts on. */
  click_on (f, id_label_of (f, "AKIA0001ALPHA"), GDK_BUTTON_SECONDARY);
  assert_target (f, "AKIA0001ALPHA");
  cell = cell_of (f, "AKIA0001ALPHA");
  /* Where the click was, on the ID at the start of the row, not at the
   * row's button at its end. */
  g_assert_true (gtk_popover_get_pointing_to (open_menu (cell), &rect));
  g_assert_true (gtk_widget_compute_point (id_label_of (f, "AKIA0001ALPHA"), GTK_WIDGET (cell),
                                           &GRAPHENE_POINT_INIT (0, 0), &label_origin));
  g_assert_cmpint (rect.x, >=, (int) label_origin.x);
  g_assert_cmpint (rect.x, <=, (int) label_origin.x +
                               gtk_widget_get_width (id_label_of (f, "AKIA0001ALPHA")));
  choose (cell, "Delete…");
  g_assert_cmpstr (f->delete_asked, ==, ALPHA);
  g_assert_true (ak_ui_test_press_shortcut (view, "Delete"));
  g_assert_cmpstr (f->delete_asked, ==, ALPHA);

  /* The row's own button opens the same menu. */
  ak_ui_test_click (ak_ui_test_find_by_type (GTK_WIDGET (cell_of (f, "AKIA0005ECHO")),
                                             GTK_TYPE_TOGGLE_BUTTON));
  choose (cell_of (f, "AKIA0005ECHO"), "Delete…");
  g_assert_cmpstr (f->delete_asked, ==, "0:AKIA0005ECHO");
  g_assert_cmpuint (f->n_delete_asked, ==, 5);
}

static gboolean
clipboard_says (const char *expected)
{
  GdkClipboard *clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  return content != NULL && gdk_content_provider_get_value (content, &value, NULL) &&
         g_strcmp0 (g_value_get_string (&value), expected) == 0;
}

static gboolean
toast_says (Fixture    *f,
            const char *text)
{
  g_autofree char *shown = ak_ui_test_toast_text (GTK_WIDGET (f->window));

  return g_strcmp0 (shown, text) == 0;
}

static void
test_copy_id (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (column_view (f));

  assert_shown_ids (f, "AKIA0001ALPHA AKIA0002BRAVO AKIA0003CHARLIE AKIA0004DELTA AKIA0005ECHO");

  click_on (f, id_label_of (f, "AKIA0003CHARLIE"), GDK_BUTTON_SECONDARY);
  choose (cell_of (f, "AKIA0003CHARLIE"), "Copy ID");
  ak_ui_test_wait_for (clipboard_says ("AKIA0003CHARLIE"));
  ak_ui_test_wait_for (toast_says (f, "Access key ID copied"));

  /* An application credential's, from the keyboard. */
  g_assert_true (press_key (f, GDK_KEY_Up));
  g_assert_true (press_key (f, GDK_KEY_Up));
  assert_target (f, "AKIA0001ALPHA");
  g_assert_true (ak_ui_test_press_shortcut (view, "Menu"));
  choose (cell_of (f, "AKIA0001ALPHA"), "Copy ID");
  ak_ui_test_wait_for (clipboard_says ("AKIA0001ALPHA"));
  /* After the first toast, which is still shown. */
  ak_ui_test_wait_for (toast_says (f, "Credential ID copied"));
  g_assert_cmpuint (f->n_delete_asked, ==, 0);
}

static void
test_details (Fixture       *f,
              gconstpointer  data)
{
  AkConfirmation *details;
  g_autofree char *text = NULL;

  assert_shown_ids (f, "AKIA0001ALPHA AKIA0002BRAVO AKIA0003CHARLIE AKIA0004DELTA AKIA0005ECHO");

  click_on (f, id_label_of (f, "AKIA0001ALPHA"), GDK_BUTTON_SECONDARY);
  choose (cell_of (f, "AKIA0001ALPHA"), "Details");
  ak_ui_test_wait_for (ak_ui_test_find_confirmation ("Application Credential Details") != NULL);
  details = ak_ui_test_find_confirmation ("Application Credential Details");
  text = ak_ui_test_collect_text (ak_confirmation_get_dialog (details));
  g_assert_nonnull (strstr (text, "Name\nnightly backup"));
  g_assert_nonnull (strstr (text, "Credential ID\nAKIA0001ALPHA"));
  g_assert_nonnull (strstr (text, "Owner\nalice"));
  g_assert_nonnull (strstr (text, "Project\ndata"));

  /* One answer, which Enter and Escape both give. */
  g_assert_cmpstr (ak_confirmation_get_default_response (details), ==, "close");
  g_assert_cmpstr (ak_confirmation_get_close_response (details), ==, "close");
  g_object_add_weak_pointer (G_OBJECT (details), (gpointer *) &details);
  ak_ui_test_click (ak_ui_test_find_button (ak_confirmation_get_dialog (details), "_Close"));
  ak_ui_test_wait_for (details == NULL);
  g_assert_cmpuint (f->n_delete_asked, ==, 0);
}

static void
test_menu_names_key (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *alpha;
  GtkWidget *echo;

  assert_shown_ids (f, "AKIA0001ALPHA AKIA0002BRAVO AKIA0003CHARLIE AKIA0004DELTA AKIA0005ECHO");
  alpha = ak_ui_test_find_by_type (GTK_WIDGET (cell_of (f, "AKIA0001ALPHA")),
                                   GTK_TYPE_MENU_BUTTON);
  echo = ak_ui_test_find_by_type (GTK_WIDGET (cell_of (f, "AKIA0005ECHO")),
                                  GTK_TYPE_MENU_BUTTON);

  /* An application credential by its name, as people know it; a key
   * without a name by its ID. */
  gtk_test_accessible_assert_property (alpha, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Actions for nightly backup");
  g_assert_cmpstr (_ak_cell_get_tooltip (alpha), ==, "Actions for nightly backup");
  gtk_test_accessible_assert_property (echo, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Actions for access key AKIA0005ECHO");
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *entry = ak_ui_test_find_by_type (GTK_WIDGET (f->list), GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *view = GTK_WIDGET (column_view (f));
  GtkWidget *focus;

  assert_shown_ids (f, "AKIA0001ALPHA AKIA0002BRAVO AKIA0003CHARLIE AKIA0004DELTA AKIA0005ECHO");

  /* Enter in the search: to the first key found, selected. */
  search_for (f, "a000");
  gtk_widget_grab_focus (entry);
  g_signal_emit_by_name (entry, "activate");
  assert_target (f, "AKIA0001ALPHA");
  g_assert_true (ak_ui_test_press_shortcut (view, "Delete"));
  g_assert_cmpstr (f->delete_asked, ==, ALPHA);

  /* One Tab stop for the whole list: Tab leaves it from any row, Shift+Tab
   * goes back to the search bar (its Filter button, after the entry). */
  g_assert_true (press_key (f, GDK_KEY_Down));
  g_assert_true (press_key (f, GDK_KEY_Down));
  assert_target (f, "AKIA0003CHARLIE");
  gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_BACKWARD);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus != NULL &&
                 gtk_widget_get_ancestor (focus, AK_TYPE_KEY_FILTER_BUTTON) != NULL &&
                 gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_BAR) != NULL);
  gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_BACKWARD);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, entry));
  gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  assert_target (f, "AKIA0003CHARLIE");
  gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == NULL || !gtk_widget_is_ancestor (focus, view));

  /* Escape closes the search with the focus in the list, and the focus
   * stays on its key. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (gtk_widget_get_ancestor (focus, AK_TYPE_KEY_FILTER_BUTTON));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  assert_target (f, "AKIA0003CHARLIE");
  g_assert_true (ak_ui_test_press_shortcut (GTK_WIDGET (f->list), "Escape"));
  g_assert_false (ak_key_list_get_search_mode_enabled (f->list));
  ak_ui_test_wait_for (g_strcmp0 (count_text (f), "5 keys") == 0);
  assert_target (f, "AKIA0003CHARLIE");
  /* Without a search, Escape is left to the window. */
  g_assert_false (ak_ui_test_press_shortcut (GTK_WIDGET (f->list), "Escape"));
}

static void
test_focus_after_delete (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *entry = ak_ui_test_find_by_type (GTK_WIDGET (f->list), GTK_TYPE_SEARCH_ENTRY);
  guint position;

  assert_shown_ids (f, "AKIA0001ALPHA AKIA0002BRAVO AKIA0003CHARLIE AKIA0004DELTA AKIA0005ECHO");

  /* The focused key goes: the next one takes the focus... */
  click_on (f, id_label_of (f, "AKIA0002BRAVO"), GDK_BUTTON_PRIMARY);
  assert_target (f, "AKIA0002BRAVO");
  g_assert_true (g_list_store_find (f->store, ak_key_list_get_selected_key (f->list), &position));
  g_list_store_remove (f->store, position);
  assert_target (f, "AKIA0003CHARLIE");

  /* ...or the one before, when it was the last. */
  click_on (f, id_label_of (f, "AKIA0005ECHO"), GDK_BUTTON_PRIMARY);
  assert_target (f, "AKIA0005ECHO");
  g_assert_true (g_list_store_find (f->store, ak_key_list_get_selected_key (f->list), &position));
  g_list_store_remove (f->store, position);
  assert_target (f, "AKIA0004DELTA");

  /* Another key going leaves the focus where it is. */
  g_assert_true (g_list_store_find (f->store, ak_key_list_get_selected_key (f->list), &position));
  g_list_store_remove (f->store, 0);
  assert_target (f, "AKIA0004DELTA");

  /* The only key the search found goes: to the search entry. */
  search_for (f, "0004");
  ak_ui_test_wait_for (g_strcmp0 (count_text (f), "1 of 2 keys") == 0);
  gtk_widget_grab_focus (entry);
  g_signal_emit_by_name (entry, "activate");
  assert_target (f, "AKIA0004DELTA");
  g_assert_true (g_list_store_find (f->store, ak_key_list_get_selected_key (f->list), &position));
  g_list_store_remove (f->store, position);
  ak_ui_test_wait_for (gtk_root_get_focus (GTK_ROOT (f->window)) != NULL &&
                       gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), entry));
}

/* Narrow ------------------------------------------------------------------ */

/* The key's cell in the Key column: narrow, the row's one cell shown
 * besides its menu. (GTK 4.8 adds the cells of a column shown again after
 * the others: their order is not the columns'.) */
static GtkWidget *
key_cell_of (Fixture    *f,
             const char *id)
{
  GtkWidget *cell;

  ak_ui_test_wait_for (row_of (f, id) != NULL);
  for (cell = gtk_widget_get_first_child (row_of (f, id));
       cell != NULL && (!gtk_widget_get_mapped (cell) ||
                        AK_IS_KEY_ROW_ACTIONS (gtk_widget_get_first_child (cell)));
       cell = gtk_widget_get_next_sibling (cell))
    ;
  g_assert_nonnull (cell);

  return cell;
}

/* Its two lines, as a person reads them. */
static char *
key_cell_text (Fixture    *f,
               const char *id)
{
  return ak_ui_test_collect_text (key_cell_of (f, id));
}

/* The keys in the order the list has them, by ID. */
static char *
sorted_ids (Fixture *f)
{
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (column_view (f)));
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (rows, i);

      g_strv_builder_add (ids, ak_key_get_id (key));
    }
  strv = g_strv_builder_end (ids);

  return g_strjoinv (" ", strv);
}

static void
assert_columns (Fixture  *f,
                gboolean  narrow)
{
  static const char *table[] = {
    "ID", "Type", "Owner", "Project", "Name / Description", "Expires",
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    g_assert_true (gtk_column_view_column_get_visible (column_titled (f, table[i])) == !narrow);
  g_assert_true (gtk_column_view_column_get_visible (column_titled (f, "Key")) == narrow);
  g_assert_true (gtk_column_view_column_get_visible (column_titled (f, "Actions")));
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (column_view (f));
  GtkWidget *title;
  g_autofree char *text = NULL;
  g_autofree char *order = NULL;
  GtkAdjustment *hadjustment;

  assert_shown_ids (f, "AKIA0001ALPHA AKIA0002BRAVO AKIA0003CHARLIE AKIA0004DELTA AKIA0005ECHO");
  assert_columns (f, FALSE);

  /* One column for the key, beside its menu. */
  ak_key_list_set_narrow (f->list, TRUE);
  g_assert_true (ak_key_list_get_narrow (f->list));
  assert_columns (f, TRUE);
  gtk_window_set_default_size (f->window, 360, 600);
  ak_ui_test_wait_for (gtk_widget_get_width (GTK_WIDGET (f->list)) <= 360);

  /* Its name, or its ID when it has none, both ends of it in sight; and
   * what kind of key it is and whose. */
  text = key_cell_text (f, "AKIA0001ALPHA");
  g_assert_cmpstr (text, ==, "nightly backup\nApplication credential · alice");
  g_clear_pointer (&text, g_free);
  text = key_cell_text (f, "AKIA0005ECHO");
  g_assert_cmpstr (text, ==, "AKIA0005ECHO\nAccess key · Bob");
  title = gtk_widget_get_first_child (gtk_widget_get_first_child (key_cell_of (f,
                                                                              "AKIA0005ECHO")));
  g_assert_true (gtk_widget_has_css_class (title, "monospace"));
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (title)), ==, PANGO_ELLIPSIZE_MIDDLE);
  title = gtk_widget_get_first_child (gtk_widget_get_first_child (key_cell_of (f,
                                                                              "AKIA0001ALPHA")));
  g_assert_false (gtk_widget_has_css_class (title, "monospace"));

  /* Every row's menu in sight: nothing to scroll sideways for. */
  for (guint i = 1; i <= 5; i++)
    {
      static const char *ids[] = {
        NULL, "AKIA0001ALPHA", "AKIA0002BRAVO", "AKIA0003CHARLIE", "AKIA0004DELTA",
        "AKIA0005ECHO",
      };
      GtkWidget *button = ak_ui_test_find_by_type (GTK_WIDGET (cell_of (f, ids[i])),
                                                   GTK_TYPE_MENU_BUTTON);
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (f->list), &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=,
                         gtk_widget_get_width (GTK_WIDGET (f->list)));
    }
  hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=,
                     gtk_adjustment_get_page_size (hadjustment));

  /* Sorted by what the column shows, whatever the case: AKIA0005ECHO,
   * alpha tools, Deploy bot, nightly backup, Zeta. */
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), column_titled (f, "Key"),
                                  GTK_SORT_ASCENDING);
  order = sorted_ids (f);
  g_assert_cmpstr (order, ==,
                   "AKIA0005ECHO AKIA0004DELTA AKIA0003CHARLIE AKIA0001ALPHA AKIA0002BRAVO");

  /* One target, as in the table: a click on a row, then the Delete key. */
  click_on (f, key_cell_of (f, "AKIA0004DELTA"), GDK_BUTTON_PRIMARY);
  assert_target (f, "AKIA0004DELTA");
  g_assert_true (ak_ui_test_press_shortcut (view, "Delete"));
  g_assert_cmpstr (f->delete_asked, ==, "1:AKIA0004DELTA");

  /* The arrows go on from there, in the column's order; the Menu key opens
   * the focused row's menu. */
  g_assert_true (press_key (f, GDK_KEY_Down));
  assert_target (f, "AKIA0003CHARLIE");
  g_assert_true (ak_ui_test_press_shortcut (view, "Menu"));
  choose (cell_of (f, "AKIA0003CHARLIE"), "Delete…");
  g_assert_cmpstr (f->delete_asked, ==, "0:AKIA0003CHARLIE");
  assert_target (f, "AKIA0003CHARLIE");

  /* A right-click on another row: its menu, and it becomes the target. */
  click_on (f, key_cell_of (f, "AKIA0002BRAVO"), GDK_BUTTON_SECONDARY);
  assert_target (f, "AKIA0002BRAVO");
  choose (cell_of (f, "AKIA0002BRAVO"), "Delete…");
  g_assert_cmpstr (f->delete_asked, ==, BRAVO);
  g_assert_cmpuint (f->n_delete_asked, ==, 3);

  /* Wide again: the table, and the Expires column only where keys expire. */
  ak_key_list_set_show_expiry (f->list, FALSE);
  ak_key_list_set_narrow (f->list, FALSE);
  g_assert_false (ak_key_list_get_narrow (f->list));
  g_assert_false (gtk_column_view_column_get_visible (column_titled (f, "Expires")));
  ak_key_list_set_show_expiry (f->list, TRUE);
  assert_columns (f, FALSE);
  assert_target (f, "AKIA0002BRAVO");
}

int
main (int   argc,
      char *argv[])
{
  /* What a screen reader would be told, without one. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  ak_ui_test_init (&argc, &argv);

#define ADD(path, func, empty) \
  g_test_add (path, Fixture, empty, fixture_setup, func, fixture_teardown)

  ADD ("/key-list/rows-match-model", test_rows_match_model, NULL);
  ADD ("/key-list/cells", test_cells, NULL);
  ADD ("/key-list/sort", test_sort, NULL);
  ADD ("/key-list/filter", test_filter, NULL);
  ADD ("/key-list/count", test_count, "empty");
  ADD ("/key-list/deleting-row", test_deleting_row, NULL);
  ADD ("/key-list/many-keys", test_many_keys, "empty");
  ADD ("/key-list/first-screenful", test_first_screenful, "empty");
  ADD ("/key-list/delete-acts-on-focused-row", test_delete_acts_on_focused_row, NULL);
  ADD ("/key-list/context-menu-acts-on-focused-row", test_context_menu_acts_on_focused_row, NULL);
  ADD ("/key-list/copy-id", test_copy_id, NULL);
  ADD ("/key-list/details", test_details, NULL);
  ADD ("/key-list/menu-names-key", test_menu_names_key, NULL);
  ADD ("/key-list/keyboard", test_keyboard, NULL);
  ADD ("/key-list/focus-after-delete", test_focus_after_delete, NULL);
  ADD ("/key-list/narrow", test_narrow, NULL);

#undef ADD

  return g_test_run ();
}
