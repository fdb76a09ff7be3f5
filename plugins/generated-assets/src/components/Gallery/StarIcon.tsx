import React from 'react'

/** A five-pointed star in the admin's icon style (stroke `currentColor`), filled when `isFilled`. */
export const StarIcon: React.FC<{ isFilled?: boolean }> = ({ isFilled = false }) => (
  <svg aria-hidden className="ga-star-icon" height="18" viewBox="0 0 24 24" width="18">
    <path
      d="M12 3.5l2.6 5.3 5.8.8-4.2 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.2-4.1 5.8-.8z"
      fill={isFilled ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeLinejoin="round"
      strokeWidth="1.6"
    />
  </svg>
)
