/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-key-list"

#include "config.h"

#include <string.h>

#include "ak-key-list.h"
#include "ak-key-row-actions.h"
#include "ak-ui-test.h"

/* The key list on its own, in a plain window: the rows a person sees, their
 * order after sorting by each column, searching, and the count below. */

typedef struct
{
  GtkWindow  *window;
  AkKeyList  *list;
  GListStore *store;
} Fixture;

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
  f->store = g_list_store_new (AK_TYPE_KEY);
  if (data == NULL)
    add_sample_keys (f->store);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 600);
  f->list = AK_KEY_LIST (ak_key_list_new ());
  ak_key_list_set_model (f->list, G_LIST_MODEL (f->store));
  gtk_window_set_child (f->window, GTK_WIDGET (f->list));
  gtk_window_present (f->window);
  ak_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (f->list)));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ak_ui_test_destroy_toplevels ();
  g_clear_object (&f->store);
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
  gtk_column_view_sort_by_column (view, column_titled (f, "Access Key ID"), GTK_SORT_ASCENDING);
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

  /* Every row has its Delete cell, owning that row's key. */
  actions = ak_ui_test_find_all_by_type (GTK_WIDGET (column_view (f)), AK_TYPE_KEY_ROW_ACTIONS);
  g_assert_cmpuint (actions->len, ==, 5);
  for (guint i = 0; i < actions->len; i++)
    {
      AkKeyRowActions *cell = g_ptr_array_index (actions, i);
      GtkWidget *button = ak_ui_test_find_by_type (GTK_WIDGET (cell), GTK_TYPE_BUTTON);

      g_assert_nonnull (ak_key_row_actions_get_key (cell));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Delete");
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
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) expires = g_date_time_new_utc (2030, 6, 15, 12, 0, 0);
  g_autoptr(GDateTime) local = g_date_time_to_local (expires);

  assert_shown_ids (f, "AKIA0001ALPHA AKIA0002BRAVO AKIA0003CHARLIE AKIA0004DELTA AKIA0005ECHO");

  text = ak_ui_test_collect_text (GTK_WIDGET (column_view (f)));
  date = g_date_time_format (local, "%x");

  /* Column titles, then what each kind of cell says. */
  g_assert_nonnull (strstr (text, "Access Key ID"));
  g_assert_nonnull (strstr (text, "Owner"));
  g_assert_nonnull (strstr (text, "Application credential"));
  g_assert_nonnull (strstr (text, "Access key"));
  g_assert_nonnull (strstr (text, "nightly backup\nRuns at 2 am"));
  g_assert_nonnull (strstr (text, date));
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
  sort_by (f, "Access Key ID", GTK_SORT_DESCENDING);
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
  button = ak_ui_test_find_by_type (GTK_WIDGET (cell), GTK_TYPE_BUTTON);
  spinner = ak_ui_test_find_by_type (GTK_WIDGET (cell), GTK_TYPE_SPINNER);

  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_true (gtk_widget_is_sensitive (button));

  /* While its delete runs, the row says so and cannot be asked again. */
  ak_key_set_deleting (key, TRUE);
  g_assert_true (gtk_widget_get_visible (spinner));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  ak_ui_test_wait_for (!gtk_widget_is_sensitive (button));

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

int
main (int   argc,
      char *argv[])
{
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

#undef ADD

  return g_test_run ();
}
