/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-util"

#include "config.h"

#include "ak-util-private.h"

/* A field counts as entered when it has something besides white space. */
gboolean
_ak_str_is_blank (const char *str)
{
  if (str == NULL)
    return TRUE;

  for (; *str != '\0'; str++)
    {
      if (!g_ascii_isspace (*str))
        return FALSE;
    }

  return TRUE;
}

/* Sets *field to a copy of value and says whether it changed, for a
 * property setter that notifies only on a change. */
gboolean
_ak_set_str (char       **field,
             const char  *value)
{
  g_assert (field != NULL);

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

/* Writes zeros over @len bytes in a way the compiler may not drop as a dead
 * store, since the memory is freed right after. */
void
_ak_wipe_bytes (char  *bytes,
                gsize  len)
{
  volatile char *p = (volatile char *)bytes;

  while (len-- > 0)
    *p++ = 0;
}
