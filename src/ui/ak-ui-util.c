/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-ui-util"

#include "config.h"

#include "ak-ui-util-private.h"

/* The text of a plain (not secret) field without the spaces around it. */
char *
_ak_entry_row_dup_text (AdwEntryRow *row)
{
  g_assert (ADW_IS_ENTRY_ROW (row));

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Makes @form insensitive and spins @spinner while a request runs, and gives
 * them back after. */
void
_ak_form_set_busy (GtkWidget  *form,
                   GtkSpinner *spinner,
                   GtkWidget  *focus_target,
                   gboolean    busy)
{
  g_assert (GTK_IS_WIDGET (form));
  g_assert (GTK_IS_SPINNER (spinner));
  g_assert (GTK_IS_WIDGET (focus_target));

  /* GTK 4.8 does not tell an entry that turns insensitive that it lost the
   * focus (its cursor keeps blinking, with a warning): move the focus first. */
  if (busy)
    {
      GtkRoot *root = gtk_widget_get_root (form);
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (focus != NULL && gtk_widget_is_ancestor (focus, form))
        gtk_widget_grab_focus (focus_target);
    }
  gtk_widget_set_sensitive (form, !busy);
  gtk_widget_set_visible (GTK_WIDGET (spinner), busy);
  gtk_spinner_set_spinning (spinner, busy);
}

/* GTK 4.8 gives a tooltip's label as many "average characters" of width as
 * its text has characters, measured on Latin letters: a CJK character is
 * about twice as wide, so "主菜单" came out one character a line and "切换账号"
 * two. The tooltips of buttons, menu buttons and spinners (the app's only
 * ones) and of list rows' cells are shown instead in a label of our own that
 * wraps at 50 average characters, as GTK 3 did, whatever the script. */
static void
show_in_label (GtkTooltip *tooltip,
               const char *markup)
{
  /* One tooltip is shown at a time, so one label serves them all. */
  static GtkWidget *label;

  if (label == NULL)
    {
      label = g_object_ref_sink (gtk_label_new (NULL));
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
    }
  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), markup) != 0)
    gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_tooltip_set_custom (tooltip, label);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip)
{
  const char *markup = gtk_widget_get_tooltip_markup (widget);

  if (markup == NULL)
    return FALSE;

  show_in_label (tooltip, markup);

  return TRUE;
}

/* Once, before the first window: see query_tooltip_cb(). */
void
_ak_tooltips_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      GType widget_types[] = { GTK_TYPE_BUTTON, GTK_TYPE_MENU_BUTTON, GTK_TYPE_SPINNER };

      for (guint i = 0; i < G_N_ELEMENTS (widget_types); i++)
        {
          /* The class must exist before its handler can be replaced. */
          g_type_class_unref (g_type_class_ref (widget_types[i]));
          g_signal_override_class_handler ("query-tooltip", widget_types[i],
                                           G_CALLBACK (query_tooltip_cb));
        }
      g_once_init_leave (&done, 1);
    }
}

/* The tooltip of a cell in a list's rows, which GTK binds to one item after
 * another as the list loads, scrolls, sorts and filters. GTK 4.8's
 * gtk_widget_set_tooltip_text() asks the X server where the pointer is on
 * each call, a round trip with the server grabbed: a re-sort that binds 200
 * rows anew, three tooltips a row, waited half a second on the X server for
 * tooltips no one had asked to see. The text is kept on the cell instead and
 * given to GTK when it asks to show a tooltip. A tooltip already on screen
 * keeps its text until the pointer moves, as a row's text changes only when
 * the row is bound to another item. */
static GQuark
cell_tooltip_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("ak-cell-tooltip");

  return quark;
}

static gboolean
cell_query_tooltip_cb (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip)
{
  const char *text = _ak_cell_get_tooltip (widget);
  g_autofree char *markup = NULL;

  if (text == NULL)
    return FALSE;

  markup = g_markup_escape_text (text, -1);
  show_in_label (tooltip, markup);

  return TRUE;
}

/* Sets the tooltip of @widget, a cell of a list's row, or with %NULL (or an
 * empty text) takes it away. */
void
_ak_cell_set_tooltip (GtkWidget  *widget,
                      const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text != NULL && *text == '\0')
    text = NULL;

  if (g_object_get_qdata (G_OBJECT (widget), cell_tooltip_quark ()) == NULL &&
      g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                             cell_query_tooltip_cb, NULL) == 0)
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), NULL);

  g_object_set_qdata_full (G_OBJECT (widget), cell_tooltip_quark (), g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL);
}

/* The text of the tooltip _ak_cell_set_tooltip() gave @widget, or %NULL. */
const char *
_ak_cell_get_tooltip (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return g_object_get_qdata (G_OBJECT (widget), cell_tooltip_quark ());
}

/* The text typed into a password row. Its own text, as gtk_editable_get_text()
 * gives it, is only dots on GTK 4.8 (see _ak_a11y_init() in ak-a11y.c). */
const char *
_ak_password_row_get_text (AdwPasswordEntryRow *row)
{
  g_return_val_if_fail (ADW_IS_PASSWORD_ENTRY_ROW (row), NULL);

  return gtk_editable_get_text (gtk_editable_get_delegate (GTK_EDITABLE (row)));
}

/**
 * _ak_list_scroller_new:
 * @rows: a list of lines, for a dialog
 *
 * A long list scrolls; a short one takes only its own height.
 *
 * Returns: (transfer floating): a scrolled window around @rows
 */
GtkWidget *
_ak_list_scroller_new (GtkWidget *rows)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), rows);

  return scroller;
}
