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
