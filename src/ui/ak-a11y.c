/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-a11y"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-a11y-private.h"

/* What a screen reader gets from GTK's and libadwaita's own widgets, set
 * right where they leave it wrong: a name said twice, controls with no
 * name, a password read back. tests/a11y/a11y.py walks the result. */

#if !GTK_CHECK_VERSION (4, 14, 0)
/* GTK 4.8 names a button by its accessible label, which gtk_button_set_label()
 * sets to the text as written ("_Cancel"), followed by the name of every
 * widget it is labelled by: the label inside the button, whose mnemonic
 * widget the button is ("Cancel"). A screen reader said "_Cancel Cancel". The
 * label inside is the name a person sees, so the written text goes: once the
 * button is made (shown or not: GTK's tree has the pages of a stack that are
 * out of sight too), and again each time its text changes. */
static void
button_label_changed_cb (GtkButton *button)
{
  if (gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void (*button_parent_constructed) (GObject *object);

static void
button_constructed (GObject *object)
{
  button_parent_constructed (object);

  button_label_changed_cb (GTK_BUTTON (object));
  g_signal_connect (object, "notify::label", G_CALLBACK (button_label_changed_cb), NULL);
  g_signal_connect (object, "notify::use-underline", G_CALLBACK (button_label_changed_cb), NULL);
}

static GQuark shown_text_quark;
static const char *(*entry_row_get_text) (GtkEditable *editable);

/* GTK 4.8 answers a screen reader's Text.GetText and GetCharacterAtOffset on
 * an entry row with gtk_editable_get_text() of the row itself: for a
 * password row, the password as typed (every other Text method reads the
 * dots on screen). A password row's own text, as the editable interface
 * gives it, is therefore the dots; the typed text stays in the row's
 * GtkText (gtk_editable_get_delegate()), where the app reads it. Other
 * entry rows share the interface's functions and keep their text. */
static const char *
row_get_text (GtkEditable *editable)
{
  GtkEditable *delegate;
  const char *typed;
  gunichar dot;
  glong n_chars;
  char dot_utf8[6];
  int dot_len;
  GString *shown;

  if (!ADW_IS_PASSWORD_ENTRY_ROW (editable))
    return entry_row_get_text (editable);

  delegate = gtk_editable_get_delegate (editable);
  typed = gtk_editable_get_text (delegate);
  dot = gtk_text_get_invisible_char (GTK_TEXT (delegate));
  n_chars = g_utf8_strlen (typed, -1);
  dot_len = g_unichar_to_utf8 (dot != 0 ? dot : 0x25CF, dot_utf8);
  shown = g_string_sized_new (n_chars * dot_len);
  for (glong i = 0; i < n_chars; i++)
    g_string_append_len (shown, dot_utf8, dot_len);

  /* The caller reads the text before it changes: one copy per row. */
  g_object_set_qdata_full (G_OBJECT (editable), shown_text_quark,
                           g_string_free (shown, FALSE), g_free);

  return g_object_get_qdata (G_OBJECT (editable), shown_text_quark);
}
#endif

/* The descendants of @widget that are a @type, in the order they are
 * drawn. */
static void
find_descendants (GtkWidget *widget,
                  GType      type,
                  GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      find_descendants (child, type, found);
    }
}

/* Below: controls libadwaita and GTK build inside their widgets with an
 * icon and a tooltip at most, which a screen reader announced as "GtkImage"
 * or "GtkSwitch". Each gets a name when its widget is first shown, or made. */

/* The eye button of a password row says what it does in its tooltip alone,
 * "Show Text" or "Hide Text": its name follows. */
static void
tooltip_changed_cb (GtkWidget *button)
{
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                    -1);
}

static void
password_row_map_cb (GtkWidget *widget)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  g_signal_chain_from_overridden_handler (widget);

  find_descendants (widget, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      tooltip_changed_cb (button);
      if (g_signal_handler_find (button, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                 tooltip_changed_cb, NULL) == 0)
        g_signal_connect (button, "notify::tooltip-text", G_CALLBACK (tooltip_changed_cb), NULL);
    }
}

#if GTK_CHECK_VERSION (4, 14, 0)
/* libadwaita gives an entry row two titles, the large one of an empty row
 * and the small one above its text, each a mnemonic label of the row; GTK
 * 4.14 and later name the row by every label it is labelled by: "Identity
 * URL Identity URL". The row is labelled by one of them. */
static void
entry_row_map_cb (GtkWidget *widget)
{
  GList *labels;

  g_signal_chain_from_overridden_handler (widget);

  labels = gtk_widget_list_mnemonic_labels (widget);
  if (labels != NULL && labels->next != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, labels->data, NULL,
                                    -1);
  g_list_free (labels);
}

/* A menu item's text as a screen reader says it: "_Rename Account…" is
 * "Rename Account…", "A__B" is "A_B". */
static char *
without_mnemonic (const char *text)
{
  GString *said = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (said, *p);
    }

  return g_string_free (said, FALSE);
}

/* GTK 4.18 names a menu's item only by a relation to its label, which it
 * leaves out of the tree: a screen reader said nothing. Each item of a menu
 * that opens is named by its text, without the mnemonic's underscore. */
static void
popover_menu_map_cb (GtkWidget *widget)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GType item_type = g_type_from_name ("GtkModelButton");

  g_signal_chain_from_overridden_handler (widget);

  if (item_type == 0)
    return;

  find_descendants (widget, item_type, items);
  for (guint i = 0; i < items->len; i++)
    {
      GtkWidget *item = g_ptr_array_index (items, i);
      g_autofree char *text = NULL;
      g_autofree char *label = NULL;

      g_object_get (item, "text", &text, NULL);
      if (text == NULL || *text == '\0')
        continue;

      label = without_mnemonic (text);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (item),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
}
#endif

static void
expander_row_map_cb (GtkWidget *widget)
{
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();

  g_signal_chain_from_overridden_handler (widget);

  /* The row itself, which holds its title and the rows it expands to. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                                  -1);

  /* The switch in the row's own line comes first; those in the rows it
   * expands to are the app's and named there. */
  find_descendants (widget, GTK_TYPE_SWITCH, switches);
  if (switches->len > 0 && adw_expander_row_get_show_enable_switch (ADW_EXPANDER_ROW (widget)))
    gtk_accessible_update_property (g_ptr_array_index (switches, 0),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                                    -1);
}

/**
 * _ak_calendar_name_buttons:
 * @calendar: a calendar
 *
 * GTK's calendar heads with ‹ month › and ‹ year ›, arrows alone: each gets
 * a name, before the calendar is first shown (GTK's tree has it hidden too).
 */
void
_ak_calendar_name_buttons (GtkCalendar *calendar)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  g_return_if_fail (GTK_IS_CALENDAR (calendar));

  find_descendants (GTK_WIDGET (calendar), GTK_TYPE_BUTTON, buttons);
  if (buttons->len == 4)
    {
      const char *labels[] = {
        _("Previous Month"), _("Next Month"), _("Previous Year"), _("Next Year"),
      };

      for (guint i = 0; i < buttons->len; i++)
        gtk_accessible_update_property (g_ptr_array_index (buttons, i),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, labels[i],
                                        -1);
    }
}

/**
 * _ak_shortcuts_window_name_controls:
 * @window: a GtkShortcutsWindow
 *
 * Names the window by its title, and its search button, search entry and
 * section menu, which GTK leaves unnamed (GTK 4.18 exports the window itself
 * with no name). (The type is not named here: GTK 4.18 deprecates it.)
 */
void
_ak_shortcuts_window_name_controls (GtkWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (gtk_window_get_title (window) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (window),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_window_get_title (window),
                                    -1);

  find_descendants (widget, GTK_TYPE_SEARCH_ENTRY, found);
  find_descendants (widget, GTK_TYPE_TOGGLE_BUTTON, found);
  for (guint i = 0; i < found->len; i++)
    gtk_accessible_update_property (g_ptr_array_index (found, i),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search Shortcuts"),
                                    -1);

  g_ptr_array_set_size (found, 0);
  find_descendants (widget, GTK_TYPE_MENU_BUTTON, found);
  for (guint i = 0; i < found->len; i++)
    gtk_accessible_update_property (g_ptr_array_index (found, i),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Shortcut Sections"),
                                    -1);
}

#if !ADW_CHECK_VERSION (1, 5, 0)
/* The title of the page @widget is on: the first AdwWindowTitle in the
 * nearest ancestor that has one. */
static const char *
page_title (GtkWidget *widget)
{
  for (GtkWidget *page = gtk_widget_get_parent (widget);
       page != NULL;
       page = gtk_widget_get_parent (page))
    {
      g_autoptr(GPtrArray) titles = g_ptr_array_new ();

      find_descendants (page, ADW_TYPE_WINDOW_TITLE, titles);
      for (guint i = 0; i < titles->len; i++)
        {
          const char *title = adw_window_title_get_title (g_ptr_array_index (titles, i));

          if (title != NULL && *title != '\0')
            return title;
        }
    }

  return NULL;
}

/* AdwAboutWindow: its Back buttons say what they do in a tooltip alone, the
 * version button in a label it is not labelled by, and its texts (what is
 * new, the debugging information) are named by the page they are on. */
static void
about_window_map_cb (GtkWidget *widget)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  g_signal_chain_from_overridden_handler (widget);

  find_descendants (widget, GTK_TYPE_BUTTON, found);
  for (guint i = 0; i < found->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (found, i);
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));

      if (GTK_IS_LABEL (child) && gtk_button_get_label (GTK_BUTTON (button)) == NULL)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, child, NULL,
                                        -1);
      else if (GTK_IS_IMAGE (child) && gtk_widget_get_tooltip_text (button) != NULL)
        tooltip_changed_cb (button);
    }

  g_ptr_array_set_size (found, 0);
  find_descendants (widget, GTK_TYPE_TEXT_VIEW, found);
  for (guint i = 0; i < found->len; i++)
    {
      const char *title = page_title (g_ptr_array_index (found, i));

      if (title != NULL)
        gtk_accessible_update_property (g_ptr_array_index (found, i),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                        -1);
    }
}
#endif

/* Once, before the first window: what GTK's accessibility layer gets wrong
 * on the platform floor, set right for every widget of its kind. */
void
_ak_a11y_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      GType named_types[] = {
        ADW_TYPE_PASSWORD_ENTRY_ROW, ADW_TYPE_EXPANDER_ROW,
#if !ADW_CHECK_VERSION (1, 5, 0)
        ADW_TYPE_ABOUT_WINDOW,
#endif
      };
      GCallback map_handlers[] = {
        G_CALLBACK (password_row_map_cb), G_CALLBACK (expander_row_map_cb),
#if !ADW_CHECK_VERSION (1, 5, 0)
        G_CALLBACK (about_window_map_cb),
#endif
      };

      for (guint i = 0; i < G_N_ELEMENTS (named_types); i++)
        {
          g_type_class_ref (named_types[i]);
          g_signal_override_class_handler ("map", named_types[i], map_handlers[i]);
        }
#if GTK_CHECK_VERSION (4, 14, 0)
      /* The password row's handler chains up to the entry row's. */
      g_type_class_ref (ADW_TYPE_ENTRY_ROW);
      g_type_class_ref (GTK_TYPE_POPOVER_MENU);
      g_signal_override_class_handler ("map", ADW_TYPE_ENTRY_ROW, G_CALLBACK (entry_row_map_cb));
      g_signal_override_class_handler ("map", GTK_TYPE_POPOVER_MENU,
                                       G_CALLBACK (popover_menu_map_cb));
#endif
#if !GTK_CHECK_VERSION (4, 14, 0)
    {
      /* Both classes stay for the app's life, and with them what is set. */
      gpointer password_class = g_type_class_ref (ADW_TYPE_PASSWORD_ENTRY_ROW);
      GObjectClass *button_class = g_type_class_ref (GTK_TYPE_BUTTON);
      GtkEditableInterface *editable;

      /* Before the first window: the classes of GtkButton's subclasses,
       * made later, start as a copy of this one. */
      button_parent_constructed = button_class->constructed;
      button_class->constructed = button_constructed;

      /* A password row has no editable interface of its own: these are
       * the functions of every entry row, which row_get_text() tells
       * apart. */
      shown_text_quark = g_quark_from_static_string ("ak-password-row-shown-text");
      editable = g_type_interface_peek (password_class, GTK_TYPE_EDITABLE);
      entry_row_get_text = editable->get_text;
      editable->get_text = row_get_text;
    }
#endif
      g_once_init_leave (&done, 1);
    }
}

/* GTK 4.8 gives a screen reader the rows of a column view as
 * "GtkListItemWidget", with no name: a row is named here from one of its
 * cells, @cell_child being what the cell's factory set as its child. The
 * row is the cell's parent on every GTK version; GTK 4.12's
 * gtk_column_view_row_set_accessible_label() would need a row factory for
 * the same. */
void
_ak_column_view_cell_name_row (GtkWidget  *cell_child,
                               const char *name)
{
  GtkWidget *cell = gtk_widget_get_parent (cell_child);
  GtkWidget *row = cell != NULL ? gtk_widget_get_parent (cell) : NULL;

  g_return_if_fail (GTK_IS_WIDGET (cell_child));

  if (row == NULL || GTK_IS_LIST_VIEW (row))
    return;

  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* The row of column titles above the rows (unnamed too on GTK 4.8): the
 * column view's first child, when it is not the list of rows. */
void
_ak_column_view_name_titles (GtkColumnView *view)
{
  GtkWidget *titles = gtk_widget_get_first_child (GTK_WIDGET (view));

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  if (titles != NULL && !GTK_IS_LIST_VIEW (titles) && !GTK_IS_SCROLLBAR (titles))
    gtk_accessible_update_property (GTK_ACCESSIBLE (titles),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Column titles"),
                                    -1);
}
